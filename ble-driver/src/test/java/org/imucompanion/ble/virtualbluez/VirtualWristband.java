package org.imucompanion.ble.virtualbluez;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandControl;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * Our wristband (protocol v1) on the virtual BlueZ, built from the firmware-protocol encoders: CONFIG
 * reads give {@link WristbandConfig#encode()}, CONTROL takes {@link WristbandControl} commands, DATA
 * notifies {@link WristbandCodec#encode} packets with a running sequence number and device clock.
 *
 * <p>Like the firmware, it only sends after START_STREAM and forgets streaming at a disconnect. In
 * manual mode a test sends packets with {@link #emit(int)}; in paced mode a START plays packets at
 * the configured rate until STOP or a disconnect.
 */
public final class VirtualWristband {

  private final VirtualPeripheral peripheral;
  private final WristbandConfig config;
  private final boolean paced;
  private final int mtu;
  private final List<WristbandDataPacket> generated = new ArrayList<>();
  private volatile boolean streaming;
  private int sequence;
  private long sampleCounter;

  private VirtualWristband(VirtualPeripheral peripheral, WristbandConfig config, boolean paced, int mtu) {
    this.peripheral = peripheral;
    this.mtu = mtu;
    this.config = config;
    this.paced = paced;
    peripheral.setValue(WristbandUuids.CONFIG, config.encode());
    peripheral.onWrite(WristbandUuids.CONTROL, (p, bytes) -> onControl(bytes));
    peripheral.onDisconnect(p -> streaming = false);
  }

  /**
   * Builds a wristband.
   *
   * @param bluez where to add it
   * @param address its address
   * @param config what CONFIG reports and how packets are laid out
   * @param paced true to stream at the configured rate after START; false to wait for {@link #emit}
   * @return the device, already added
   */
  public static VirtualWristband add(
      VirtualBluez bluez, String address, WristbandConfig config, boolean paced) {
    int mtu = Math.max(23, WristbandCodec.packetLength(Math.max(1, config.batchSize()), config.magnetometer(), config.crc()) + 3);
    VirtualPeripheral p =
        VirtualPeripheral.builder(address, "IMU Wristband")
            .advertising(WristbandUuids.SERVICE)
            .battery(80)
            .mtu(mtu)
            .characteristic(WristbandUuids.SERVICE, WristbandUuids.DATA, "notify")
            .characteristic(WristbandUuids.SERVICE, WristbandUuids.CONFIG, java.util.Set.of("read", "write"), new byte[0])
            .characteristic(WristbandUuids.SERVICE, WristbandUuids.CONTROL, "write", "write-without-response")
            .build();
    bluez.add(p);
    return new VirtualWristband(p, config, paced, mtu);
  }

  private void onControl(byte[] bytes) {
    WristbandControl c;
    try {
      c = WristbandControl.decode(bytes);
    } catch (ProtocolException e) {
      return; // firmware ignores commands it cannot parse
    }
    switch (c.opcode()) {
      case START_STREAM -> {
        streaming = true;
        if (paced) {
          long periodNanos = (long) (config.samplePeriodMicros() * 1000 * samplesPerPacket());
          peripheral.startTimer("wristband", i -> emit(1), Duration.ofNanos(periodNanos));
        }
      }
      case STOP_STREAM -> {
        streaming = false;
        peripheral.stopTimer("wristband");
      }
      default -> {
        // identify: blinks an LED on the real thing
      }
    }
  }

  /** Like the firmware (PROTOCOL.md): the configured batch, capped by what fits the MTU. */
  private int samplesPerPacket() {
    return config.samplesPerPacket(mtu);
  }

  /**
   * Makes the next packet (sequence and device time advance even if it is then lost on the air).
   *
   * @return the packet
   */
  public synchronized WristbandDataPacket nextPacket() {
    List<WristbandSample> samples = new ArrayList<>();
    long firstSample = sampleCounter;
    for (int i = 0; i < samplesPerPacket(); i++) {
      long k = sampleCounter++;
      double t = k / (double) config.outputDataRateHz();
      Vector3 accel = new Vector3(Math.sin(t), Math.cos(t) * 0.5, 1.0 - 0.1 * Math.sin(3 * t));
      Vector3 gyro = new Vector3(0.3 * Math.cos(2 * t), -0.2 * Math.sin(t), 0.1);
      Optional<Vector3> mag = config.magnetometer() ? Optional.of(new Vector3(20, -5, 40)) : Optional.empty();
      samples.add(new WristbandSample(accel, gyro, mag));
    }
    long deviceTime = (long) (firstSample * 1_000_000.0 / config.outputDataRateHz()) & 0xFFFF_FFFFL;
    WristbandDataPacket p =
        new WristbandDataPacket(sequence, deviceTime, config.magnetometer(), config.crc(), samples);
    sequence = (sequence + 1) & 0xFFFF;
    try {
      // Keep what the host can at best decode: the quantised packet.
      generated.add(WristbandCodec.decode(WristbandCodec.encode(p, config), config));
    } catch (ProtocolException e) {
      throw new IllegalStateException("encoder and decoder disagree", e);
    }
    return p;
  }

  /**
   * Sends packets now (through the fault injector), if the host has started the stream.
   *
   * @param count how many
   * @return how many were generated (0 if not streaming)
   */
  public int emit(int count) {
    int made = 0;
    for (int i = 0; i < count; i++) {
      if (!streaming) {
        break;
      }
      byte[] bytes;
      synchronized (this) {
        bytes = WristbandCodec.encode(nextPacket(), config);
      }
      peripheral.notify(WristbandUuids.DATA, bytes);
      made++;
    }
    return made;
  }

  /**
   * Returns every packet generated so far, quantised as the host will decode it.
   *
   * @return the packets, in order
   */
  public synchronized List<WristbandDataPacket> generated() {
    return List.copyOf(generated);
  }

  /**
   * Tells whether the host started the stream (and no disconnect reset it).
   *
   * @return true while streaming
   */
  public boolean isStreaming() {
    return streaming;
  }

  /**
   * Returns the underlying peripheral, for faults and observations.
   *
   * @return the peripheral
   */
  public VirtualPeripheral peripheral() {
    return peripheral;
  }

  /**
   * Returns the configuration the device reports.
   *
   * @return the config
   */
  public WristbandConfig config() {
    return config;
  }
}
