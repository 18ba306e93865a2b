package org.imucompanion.ble.virtualdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.Notification;
import org.imucompanion.protocol.legacy.LegacyCodec;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualLegacyWristbandTest {

  private static final Executor DIRECT = Runnable::run;
  private final VirtualTransport transport = VirtualTransport.create();

  @AfterEach
  void close() {
    transport.close();
  }

  @Test
  void notifiesTheFirst20BytesAtTheDefaultMtuAndTheyDecode() throws Exception {
    VirtualLegacyWristband band =
        new VirtualLegacyWristband("5B:1E:00:00:00:01", "Simblee", SyntheticWorkout.demo(), 20);
    transport.addDevice(band);
    BleConnection c =
        transport.connect(band.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
    assertThat(c.mtu()).isEqualTo(23);
    NotificationLog log = new NotificationLog();
    org.imucompanion.ble.Subscription[] sub = new org.imucompanion.ble.Subscription[1];
    RateWindow window = RateWindow.start(() -> sub[0] = c.subscribe(LegacyUuids.DATA, log).join());
    Thread.sleep(1000);
    window.stop(() -> sub[0].close());
    int count = log.size();
    window.assertCount("legacy notifications", count, 20, 2);
    for (Notification n : log.all()) {
      assertThat(n.length()).isEqualTo(20);
      LegacyWristbandPacket p = LegacyCodec.decode(n.value());
      assertThat(p.accelG().norm()).isBetween(0.95, 1.3);
      assertThat(p.magMicroTesla().norm()).isCloseTo(Math.hypot(20, 43), within(0.3));
    }
    assertThat(band.notificationsSent()).isGreaterThanOrEqualTo(count);
  }

  @Test
  void pollOnlyFirmwareCannotBeSubscribedButReadsAll32Bytes() throws Exception {
    VirtualLegacyWristband band =
        new VirtualLegacyWristband("5B:1E:00:00:00:02", "Simblee", SyntheticWorkout.demo(), 0);
    transport.addDevice(band);
    BleConnection c =
        transport.connect(band.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
    assertThat(c.characteristics().join().get(0).has(CharacteristicProperty.NOTIFY)).isFalse();
    CompletionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class, () -> c.subscribe(LegacyUuids.DATA, n -> {}).join());
    assertThat(((BleException) e.getCause()).reason()).isEqualTo(BleException.Reason.NOT_SUPPORTED);
    byte[] value = c.read(LegacyUuids.DATA).join();
    assertThat(value).hasSize(32);
    assertThat(LegacyCodec.decode(value).accelG().norm()).isBetween(0.95, 1.3);
  }
}
