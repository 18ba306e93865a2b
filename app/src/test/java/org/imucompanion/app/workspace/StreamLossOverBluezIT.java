package org.imucompanion.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.bluez.BluezOptions;
import org.imucompanion.ble.bluez.BluezTransport;
import org.imucompanion.ble.health.HealthWindow;
import org.imucompanion.ble.virtualbluez.VirtualBluezFixture;
import org.imucompanion.ble.virtualbluez.VirtualLegacyWristband;
import org.imucompanion.ble.virtualbluez.VirtualWristband;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loss a device's stream health shows is the loss injected on the link: exactly for the
 * protocol-v1 wristband (sequence numbers), within one percentage point for the legacy band
 * (inferred from the arrival count against its 10 Hz). Through the real BlueZ code path and the
 * app's own feed.
 */
class StreamLossOverBluezIT {
  private VirtualBluezFixture fixture;
  private BluezTransport ble;

  @BeforeEach
  void start() throws Exception {
    fixture = VirtualBluezFixture.start();
    ble = BluezTransport.open(BluezOptions.defaults().withBusAddress(fixture.busAddress()));
  }

  @AfterEach
  void stop() {
    ble.close();
    fixture.close();
  }

  private static void waitFor(LiveDevice device, long samples) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (device.imuSamples().written() < samples && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(device.imuSamples().written()).isGreaterThanOrEqualTo(samples);
  }

  @Test
  void aWristbandsDroppedPacketsAreCountedExactly() throws Exception {
    VirtualWristband band = VirtualWristband.add(fixture.bluez(), "C0:FF:EE:00:01:01", WristbandConfig.DEFAULT, true);
    LiveDevice device =
        DeviceFeed.start(ble, band.peripheral().address(), "Band", Optional.empty(), false, SampleSink.NONE);
    try {
      device.firstStreaming().get(20, TimeUnit.SECONDS);
      waitFor(device, 50);
      band.peripheral().dropNext(15);
      waitFor(device, 150);
      HealthWindow all = device.health().orElseThrow().snapshot(System.nanoTime()).cumulative();
      assertThat(band.peripheral().droppedByFault()).isEqualTo(15);
      assertThat(all.lost()).isEqualTo(15);
    } finally {
      device.close();
    }
  }

  @Test
  void aLinkCutIsDisconnectTimeInEveryStreamsHealth() throws Exception {
    org.imucompanion.ble.virtualbluez.VirtualMyo myo =
        org.imucompanion.ble.virtualbluez.VirtualMyo.add(fixture.bluez(), "C0:FF:EE:00:01:03", 90);
    myo.pace();
    LiveDevice device =
        DeviceFeed.start(ble, "C0:FF:EE:00:01:03", "Myo", Optional.empty(), false, SampleSink.NONE);
    try {
      device.firstStreaming().get(20, TimeUnit.SECONDS);
      waitFor(device, 50);
      myo.peripheral().disconnectNow();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (device.link().outages() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(device.link().outages()).isEqualTo(1);
      assertThat(device.healths()).hasSize(2); // IMU and the merged EMG
      for (org.imucompanion.ble.health.StreamHealth h : device.healths()) {
        org.imucompanion.ble.health.StreamHealthSnapshot s = h.snapshot(System.nanoTime());
        assertThat(s.outages()).isEqualTo(1);
        assertThat(s.disconnected()).isEqualTo(device.link().lostTime());
        assertThat(HealthSummary.oneLine(s)).contains(" · down ").endsWith(" in 1 outage");
      }
    } finally {
      device.close();
    }
  }

  @Test
  void aLegacyBandsDroppedValuesAreInferredWithinOnePoint() throws Exception {
    VirtualLegacyWristband legacy = VirtualLegacyWristband.add(fixture.bluez(), "C0:FF:EE:00:01:02", true);
    legacy.streamWhileConnected(Duration.ofMillis(100));
    LiveDevice device =
        DeviceFeed.start(ble, legacy.peripheral().address(), "Legacy", Optional.empty(), false, SampleSink.NONE);
    try {
      device.firstStreaming().get(20, TimeUnit.SECONDS);
      waitFor(device, 10);
      legacy.peripheral().dropNext(8);
      waitFor(device, 120); // long enough that one packet is under one point
      HealthWindow all = device.health().orElseThrow().snapshot(System.nanoTime()).cumulative();
      double injected = 100.0 * 8 / (all.packets() + all.malformed() + 8);
      assertThat(legacy.peripheral().droppedByFault()).isEqualTo(8);
      assertThat(all.lostPercent()).as("shown %s lost of %s", all.lost(), all.packets())
          .isCloseTo(injected, org.assertj.core.data.Offset.offset(1.0));
    } finally {
      device.close();
    }
  }
}
