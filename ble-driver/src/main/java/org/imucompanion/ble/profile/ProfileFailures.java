package org.imucompanion.ble.profile;

import java.util.concurrent.CompletionException;
import org.imucompanion.ble.BleException;
import org.imucompanion.protocol.ProtocolException;

/** Turns a device that answers nonsense during start-up into a {@link BleException}. */
final class ProfileFailures {

  private ProfileFailures() {}

  static CompletionException badDevice(String address, String what, ProtocolException e) {
    return new CompletionException(
        new BleException(
            BleException.Reason.NOT_SUPPORTED,
            address + " sent an unreadable " + what + " (" + e.reason() + " at byte " + e.offset() + ")",
            e));
  }
}
