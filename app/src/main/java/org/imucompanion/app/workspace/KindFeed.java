package org.imucompanion.app.workspace;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.profile.ProfileSession;

/**
 * What one kind of device does on each new connection of a supervised device: start its profile,
 * its raw subscriptions for the Inspector, read its information, and write its samples into the
 * {@link LiveDevice}. One instance per device lives across reconnects, so its stream health and
 * its clock models keep counting through an outage.
 */
interface KindFeed {

  /**
   * Returns the streams this device sends, in the order of {@link SampleSink#onSample}'s index.
   *
   * @return the streams in the mode in use
   */
  List<DeviceStream> streams();

  /**
   * Starts streaming on a fresh connection with resolved services.
   *
   * @param connection the connection
   * @param characteristics what it has
   * @return the running session; closing it ends every subscription this call made
   */
  CompletableFuture<ProfileSession> startOn(
      BleConnection connection, List<GattCharacteristicInfo> characteristics);
}
