package org.imucompanion.ble.bluez;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.bluez.Error;
import org.freedesktop.dbus.errors.NoReply;
import org.freedesktop.dbus.errors.ServiceUnknown;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.imucompanion.ble.BleException.Reason;
import org.junit.jupiter.api.Test;

class BluezFailuresTest {

  private static Reason reason(Throwable t, Reason fallback) {
    return BluezFailures.map(t, fallback, "x").reason();
  }

  @Test
  void bluetoothdErrorClassesMapToReasons() {
    assertThat(reason(new Error.InProgress("In Progress"), Reason.IO)).isEqualTo(Reason.IN_PROGRESS);
    assertThat(reason(new Error.NotPermitted("Read not permitted"), Reason.IO)).isEqualTo(Reason.REFUSED);
    assertThat(reason(new Error.NotConnected("Not Connected"), Reason.IO)).isEqualTo(Reason.DISCONNECTED);
    assertThat(reason(new Error.NotReady("Resource Not Ready"), Reason.IO)).isEqualTo(Reason.UNAVAILABLE);
    assertThat(reason(new ServiceUnknown("The name org.bluez was not provided"), Reason.IO)).isEqualTo(Reason.UNAVAILABLE);
    assertThat(reason(new NoReply("no reply"), Reason.IO)).isEqualTo(Reason.TIMEOUT);
  }

  @Test
  void failedIsReadByItsMessageOrFallsBack() {
    assertThat(reason(new Error.Failed("br-connection-refused"), Reason.CONNECT_FAILED)).isEqualTo(Reason.REFUSED);
    assertThat(reason(new Error.Failed("Not connected"), Reason.IO)).isEqualTo(Reason.DISCONNECTED);
    assertThat(reason(new Error.Failed("le-connection-abort-by-local"), Reason.CONNECT_FAILED))
        .isEqualTo(Reason.CONNECT_FAILED);
    // A supervisor retries CONNECT_FAILED and gives up on REFUSED: an LE abort is never REFUSED.
    assertThat(reason(new Error.Failed("le-connection-abort-by-local: connection refused"), Reason.IO))
        .isEqualTo(Reason.CONNECT_FAILED);
  }

  @Test
  void anErrorWhoseNameDbusJavaLostIsStillReadFromBluetoothdsText() {
    // what dbus-java throws for an error name it has no class for
    assertThat(reason(new DBusExecutionException("In Progress"), Reason.IO)).isEqualTo(Reason.IN_PROGRESS);
    assertThat(reason(new DBusExecutionException("Operation is not supported"), Reason.IO)).isEqualTo(Reason.NOT_SUPPORTED);
    assertThat(reason(new DBusExecutionException("something else"), Reason.IO)).isEqualTo(Reason.IO);
  }

  @Test
  void wrappersAreUnwrappedAndTimeoutsRecognised() {
    assertThat(reason(new CompletionException(new TimeoutException()), Reason.IO)).isEqualTo(Reason.TIMEOUT);
    assertThat(BluezFailures.map(new CompletionException(new Error.NotSupported("nope")), Reason.IO, "read").getMessage())
        .startsWith("NOT_SUPPORTED: read: org.bluez.Error.NotSupported: nope");
  }

  @Test
  void characteristicHandleComesFromBluezPathWhenNoHandleProperty() {
    assertThat(BluezConnection.handleFromPath("/org/bluez/hci0/dev_AA/service000a/char000b")).isEqualTo(0x0c);
    assertThat(BluezConnection.handleFromPath("/org/bluez/hci0/dev_AA")).isZero();
  }
}
