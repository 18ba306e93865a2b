package org.imucompanion.ble.virtualdevice;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.BleException.Reason;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.WriteType;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandControl;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * A wristband speaking protocol v1 (firmware-protocol PROTOCOL.md §2): config (read/write), control
 * (start/stop stream, identify) and data notifications encoded with {@link WristbandCodec} at the
 * configured rate and batch.
 *
 * <p>Like the firmware, a config write takes effect at the next {@code START_STREAM}, a config the
 * link cannot carry (not even one sample fits the MTU) is refused, {@code START_STREAM} restarts
 * the sequence at 0, and a disconnect stops the stream. Samples are taken from the {@link
 * MotionSource} at the device's own sample times ({@code t0_us + floor(i · 10⁶ / odr)}), measured
 * from power-on; the device clock starts at {@link #clockAtPowerOnMicros()} and wraps at 2³² µs.
 * Packets are sent on time from a timer: a late timer sends the packets that are due in a burst, so
 * the count over time is exact.
 */
public final class VirtualWristband extends VirtualDevice {

  /** The data characteristic's ATT value handle. */
  public static final int DATA_HANDLE = 0x0012;

  /** The config characteristic's ATT value handle. */
  public static final int CONFIG_HANDLE = 0x0015;

  /** The control characteristic's ATT value handle. */
  public static final int CONTROL_HANDLE = 0x0018;

  private static final long DEFAULT_CLOCK_AT_POWER_ON = 4_290_000_000L; // wraps 5 s in: test that

  private final MotionSource motion;
  private final long powerOnNanos = System.nanoTime();
  private final long clockAtPowerOnMicros;
  private WristbandConfig config = WristbandConfig.DEFAULT;
  private Stream stream;
  private int identifications;
  private long packetsSent;

  /** A running stream: what it was started with and how far it got. */
  private final class Stream {
    final WristbandConfig config;
    final int samplesPerPacket;
    final long startNanos;
    final DeviceLink link;
    ScheduledFuture<?> timer;
    long nextSample;
    int sequence;

    Stream(WristbandConfig config, int samplesPerPacket, DeviceLink link) {
      this.config = config;
      this.samplesPerPacket = samplesPerPacket;
      this.link = link;
      this.startNanos = System.nanoTime();
    }
  }

  /**
   * Creates a wristband.
   *
   * @param address its address
   * @param name its advertised name
   * @param motion what its sensors feel
   */
  public VirtualWristband(String address, String name, MotionSource motion) {
    this(address, name, motion, DEFAULT_CLOCK_AT_POWER_ON);
  }

  /**
   * Creates a wristband with a chosen device clock.
   *
   * @param address its address
   * @param name its advertised name
   * @param motion what its sensors feel
   * @param clockAtPowerOnMicros the device clock's value at power-on (0..2³²-1)
   */
  public VirtualWristband(
      String address, String name, MotionSource motion, long clockAtPowerOnMicros) {
    super(address, Optional.of(name), Set.of(WristbandUuids.SERVICE), gatt());
    this.motion = Objects.requireNonNull(motion, "motion");
    if (clockAtPowerOnMicros < 0 || clockAtPowerOnMicros > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("clock is 32 bits: " + clockAtPowerOnMicros);
    }
    this.clockAtPowerOnMicros = clockAtPowerOnMicros;
    setBattery(82);
  }

  private static List<GattCharacteristicInfo> gatt() {
    List<GattCharacteristicInfo> g = new ArrayList<>();
    g.add(
        new GattCharacteristicInfo(
            WristbandUuids.SERVICE,
            WristbandUuids.DATA,
            DATA_HANDLE,
            EnumSet.of(CharacteristicProperty.NOTIFY)));
    g.add(
        new GattCharacteristicInfo(
            WristbandUuids.SERVICE,
            WristbandUuids.CONFIG,
            CONFIG_HANDLE,
            EnumSet.of(CharacteristicProperty.READ, CharacteristicProperty.WRITE)));
    g.add(
        new GattCharacteristicInfo(
            WristbandUuids.SERVICE,
            WristbandUuids.CONTROL,
            CONTROL_HANDLE,
            EnumSet.of(
                CharacteristicProperty.WRITE, CharacteristicProperty.WRITE_WITHOUT_RESPONSE)));
    return g;
  }

  @Override
  public String kind() {
    return "wristband-v1";
  }

  /**
   * Returns the device clock's value at power-on.
   *
   * @return microseconds, 0..2³²-1
   */
  public long clockAtPowerOnMicros() {
    return clockAtPowerOnMicros;
  }

  /**
   * Returns the motion the sensors feel.
   *
   * @return the source
   */
  public MotionSource motion() {
    return motion;
  }

  /**
   * Returns the config in force for the next stream.
   *
   * @return the config
   */
  public synchronized WristbandConfig config() {
    return config;
  }

  /**
   * Tells whether the device is streaming.
   *
   * @return true between {@code START_STREAM} and {@code STOP_STREAM} or a disconnect
   */
  public synchronized boolean streaming() {
    return stream != null;
  }

  /**
   * Returns how many {@code IDENTIFY} commands the device obeyed.
   *
   * @return the count
   */
  public synchronized int identifications() {
    return identifications;
  }

  /**
   * Returns how many data packets the device sent (before link faults).
   *
   * @return the count
   */
  public synchronized long packetsSent() {
    return packetsSent;
  }

  /**
   * Converts a device-clock reading of this wristband to the time its motion source was sampled.
   *
   * @param deviceTimeMicros a sample time from a data packet (0..2³²-1)
   * @return nanoseconds since power-on, assuming less than 71 minutes passed
   */
  public long motionNanosOf(long deviceTimeMicros) {
    return ((deviceTimeMicros - clockAtPowerOnMicros) & 0xFFFF_FFFFL) * 1000L;
  }

  @Override
  protected synchronized byte[] onRead(UUID characteristic) throws BleException {
    if (characteristic.equals(WristbandUuids.CONFIG)) {
      return config.encode();
    }
    return super.onRead(characteristic);
  }

  @Override
  protected synchronized void onWrite(UUID characteristic, byte[] value, WriteType type)
      throws BleException {
    if (characteristic.equals(WristbandUuids.CONFIG)) {
      WristbandConfig c;
      try {
        c = WristbandConfig.decode(value);
      } catch (ProtocolException e) {
        throw new BleException(Reason.REFUSED, "ATT 0x13 value not allowed: " + e.getMessage(), e);
      }
      int mtu = link().map(DeviceLink::mtu).orElse(mtu());
      if (c.samplesPerPacket(mtu) == 0) {
        throw new BleException(
            Reason.REFUSED, "ATT 0x13 value not allowed: no sample fits ATT MTU " + mtu);
      }
      config = c;
    } else if (characteristic.equals(WristbandUuids.CONTROL)) {
      WristbandControl command;
      try {
        command = WristbandControl.decode(value);
      } catch (ProtocolException e) {
        throw new BleException(Reason.REFUSED, "ATT 0x13 value not allowed: " + e.getMessage(), e);
      }
      switch (command.opcode()) {
        case START_STREAM -> start();
        case STOP_STREAM -> stop();
        case IDENTIFY -> identifications++;
      }
    } else {
      super.onWrite(characteristic, value, type);
    }
  }

  private void start() throws BleException {
    DeviceLink link =
        link()
            .orElseThrow(() -> new BleException(Reason.DISCONNECTED, address() + " not connected"));
    stop();
    int spp = config.samplesPerPacket(link.mtu());
    if (spp == 0) {
      throw new BleException(Reason.REFUSED, "no sample fits ATT MTU " + link.mtu());
    }
    Stream s = new Stream(config, spp, link);
    long periodNanos = Math.max(1, Math.round(spp * 1e9 / config.outputDataRateHz()));
    stream = s;
    s.timer =
        link.scheduler().scheduleAtFixedRate(() -> tick(s), 0, periodNanos, TimeUnit.NANOSECONDS);
  }

  private void stop() {
    if (stream != null) {
      stream.timer.cancel(false);
      stream = null;
    }
  }

  @Override
  protected synchronized void onDisconnected() {
    stop(); // PROTOCOL.md §2.6: a disconnect stops the stream
  }

  /** Sends every packet whose last sample has been taken by now. */
  private void tick(Stream s) {
    List<byte[]> due = new ArrayList<>();
    synchronized (this) {
      if (stream != s) {
        return;
      }
      long elapsed = System.nanoTime() - s.startNanos;
      int odr = s.config.outputDataRateHz();
      // Sample k is taken floor(k·10⁶/odr) µs after the start; it exists once that time passed.
      long taken = Math.floorDiv(elapsed / 1000L * odr, 1_000_000L) + 1;
      while (s.nextSample + s.samplesPerPacket <= taken) {
        due.add(packet(s));
      }
    }
    for (byte[] p : due) {
      s.link.notify(WristbandUuids.DATA, p);
    }
  }

  private byte[] packet(Stream s) {
    int odr = s.config.outputDataRateHz();
    long streamStartMicros = (s.startNanos - powerOnNanos) / 1000L;
    long firstOffsetMicros = s.nextSample * 1_000_000L / odr;
    long t0SincePowerOn = streamStartMicros + firstOffsetMicros;
    long t0 = (clockAtPowerOnMicros + t0SincePowerOn) & 0xFFFF_FFFFL;
    List<WristbandSample> samples = new ArrayList<>(s.samplesPerPacket);
    for (int i = 0; i < s.samplesPerPacket; i++) {
      long sinceT0 = (long) i * 1_000_000L / odr;
      MotionSample m = motion.sampleAt((t0SincePowerOn + sinceT0) * 1000L);
      samples.add(
          new WristbandSample(
              m.accelG(),
              m.gyroRadPerS(),
              s.config.magnetometer() ? Optional.of(m.magMicroTesla()) : Optional.empty()));
    }
    WristbandDataPacket p =
        new WristbandDataPacket(s.sequence, t0, s.config.magnetometer(), s.config.crc(), samples);
    s.sequence = (s.sequence + 1) & 0xFFFF;
    s.nextSample += s.samplesPerPacket;
    packetsSent++;
    return WristbandCodec.encode(p, s.config);
  }
}
