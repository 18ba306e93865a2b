package org.imucompanion.ble.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.ConnectionListener;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.ScanFilter;
import org.imucompanion.ble.ScanListener;
import org.imucompanion.ble.ScanSession;
import org.imucompanion.ble.WriteType;
import org.imucompanion.ble.virtualdevice.DeviceLink;
import org.imucompanion.ble.virtualdevice.VirtualDevice;
import org.imucompanion.ble.virtualdevice.VirtualTransport;

/**
 * Plays a capture back as a {@link BleTransport}: its devices can be scanned, connected, read (the
 * values read while capturing) and subscribed to, exactly like live ones, and their notifications
 * come back with the capture's bytes and timing, so a capture goes through the same profiles,
 * decoders and stream health as a live session.
 *
 * <p>Connect and subscribe first, then {@link #play()}. Each notification carries a host time of
 * {@code (nanoTime when play started) + (its offset in the capture)}: at {@link Pace#RECORDED} it
 * arrives then; {@link Pace#AS_FAST_AS_POSSIBLE} delivers as fast as the listeners take it (never
 * dropping: it waits while a connection's queue is half full) with the same time stamps, so
 * timing-based figures (jitter, inferred loss) come out as they were recorded. A notification for a
 * device or characteristic nobody subscribed to is counted as not delivered, as a live device's
 * would be lost.
 *
 * <p>Bad input does not stop a replay: damaged records are passed over by the reader and listed in
 * the {@link Report}, and time stamps that jump ({@link TimeJump}) are neither waited for nor
 * passed on as a gap of years or a step back in host time.
 *
 * <p>Faults can be injected into a replay through {@link #device(String)}.
 */
public final class CaptureReplay implements BleTransport {

  /** How fast a capture is played. */
  public enum Pace {
    /** At the pace it was recorded. */
    RECORDED,
    /** As fast as the listeners take it. */
    AS_FAST_AS_POSSIBLE
  }

  /**
   * A step between two consecutive notifications' time stamps that no live stream makes: more
   * than {@link #MAX_FORWARD_STEP} forward (a clock set 10 years ahead) or more than {@link
   * #MAX_BACKWARD_STEP} back. The replay does not wait for it and goes on as if the notification had
   * come right after the one before, so a single wait is never longer than {@link
   * #MAX_FORWARD_STEP} and stream health sees neither a span of years nor a negative interval.
   *
   * @param recordNumber the btsnoop record of the notification after the jump ({@link
   *     CaptureReader#recordNumber()})
   * @param stepMicros the step in microseconds: positive forward, negative back
   */
  public record TimeJump(long recordNumber, long stepMicros) {

    /**
     * Says what happened, for a user.
     *
     * @return e.g. {@code timestamps jump by 315360000.0 s at record 57; not waited}
     */
    public String describe() {
      double seconds = Math.abs(stepMicros) / 1e6;
      return stepMicros >= 0
          ? String.format(
              Locale.ROOT, "timestamps jump by %.1f s at record %d; not waited", seconds, recordNumber)
          : String.format(
              Locale.ROOT,
              "timestamps go back by %.1f s at record %d; replayed as if no time had passed",
              seconds,
              recordNumber);
    }
  }

  /**
   * What a playback did.
   *
   * @param delivered notifications handed to a subscribed connection
   * @param notDelivered notifications whose device was not connected or characteristic not
   *     subscribed
   * @param skippedRecords notifications the reader could not return ({@link
   *     CaptureReader#skippedRecords()})
   * @param damage damaged stretches of the file passed over, the first {@value
   *     CaptureReader#MAX_DAMAGE_KEPT}
   * @param damagedStretches how many damaged stretches there were
   * @param bytesSkipped how many bytes they took up
   * @param jumps time stamp jumps not waited for, the first {@value #MAX_JUMPS_KEPT}
   * @param jumpCount how many jumps there were
   */
  public record Report(
      long delivered,
      long notDelivered,
      long skippedRecords,
      List<CaptureDamage> damage,
      long damagedStretches,
      long bytesSkipped,
      List<TimeJump> jumps,
      long jumpCount) {

    /**
     * Freezes the lists.
     *
     * @param delivered see {@link #delivered()}
     * @param notDelivered see {@link #notDelivered()}
     * @param skippedRecords see {@link #skippedRecords()}
     * @param damage see {@link #damage()}
     * @param damagedStretches see {@link #damagedStretches()}
     * @param bytesSkipped see {@link #bytesSkipped()}
     * @param jumps see {@link #jumps()}
     * @param jumpCount see {@link #jumpCount()}
     */
    public Report {
      damage = List.copyOf(damage);
      jumps = List.copyOf(jumps);
    }
  }

  /** The longest step forward between two notifications that a replay waits for. */
  public static final Duration MAX_FORWARD_STEP = Duration.ofSeconds(5);

  /**
   * The longest step back that is taken as it was recorded (notifications of several
   * characteristics interleave slightly out of order); a longer one is a {@link TimeJump}.
   */
  public static final Duration MAX_BACKWARD_STEP = Duration.ofSeconds(1);

  /** Time jumps kept in a report; further ones are only counted. */
  static final int MAX_JUMPS_KEPT = 100;

  private static final int QUEUE_CAPACITY = 4096;

  private final Path file;
  private final Pace pace;
  private final List<ReplayedDevice> devices = new ArrayList<>();
  private final ScheduledExecutorService scheduler;
  private final VirtualTransport transport;
  private final Object lock = new Object();
  private Thread player;
  private CompletableFuture<Report> playback;
  private volatile boolean closed;

  private CaptureReplay(Path file, Pace pace, List<CaptureDevice> captured) {
    this.file = file;
    this.pace = pace;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "capture-replay-gatt");
              t.setDaemon(true);
              return t;
            });
    this.transport = VirtualTransport.on(scheduler, QUEUE_CAPACITY);
    for (CaptureDevice d : captured) {
      ReplayedDevice device = new ReplayedDevice(d);
      devices.add(device);
      transport.addDevice(device);
    }
  }

  /**
   * Opens a capture for replay.
   *
   * @param file the btsnoop file (its sidecar beside it)
   * @param pace how fast to play it
   * @return the replay, with the capture's devices in range and nothing played yet
   * @throws IOException if the capture cannot be read
   */
  public static CaptureReplay open(Path file, Pace pace) throws IOException {
    try (CaptureReader reader = CaptureReader.open(file)) {
      return new CaptureReplay(file, pace, reader.devices());
    }
  }

  /**
   * Returns a replayed device, to inject faults or look at its GATT table.
   *
   * @param address the device's address
   * @return the device, or empty if the capture has none with that address
   */
  public Optional<VirtualDevice> device(String address) {
    return devices.stream()
        .filter(d -> d.address().equalsIgnoreCase(address))
        .map(d -> (VirtualDevice) d)
        .findFirst();
  }

  /**
   * Returns what the capture knows about its devices.
   *
   * @return the devices, in capture order
   */
  public List<CaptureDevice> capturedDevices() {
    return devices.stream().map(d -> d.captured).toList();
  }

  /**
   * Starts playing the capture, once; later calls return the same future.
   *
   * @return completes when every notification was handed over (or failed to read), with counts
   */
  public CompletableFuture<Report> play() {
    ensureOpen();
    synchronized (lock) {
      if (playback == null) {
        playback = new CompletableFuture<>();
        player = new Thread(this::run, "capture-replay");
        player.setDaemon(true);
        player.start();
      }
      return playback;
    }
  }

  private void run() {
    long delivered = 0;
    long notDelivered = 0;
    long startNanos = System.nanoTime();
    long firstMicros = Long.MIN_VALUE;
    long previousMicros = 0; // the previous notification's time, shifted
    long shiftMicros = 0; // added to every time stamp after the jumps so far
    long maxForward = MAX_FORWARD_STEP.toNanos() / 1000;
    long maxBackward = MAX_BACKWARD_STEP.toNanos() / 1000;
    List<TimeJump> jumps = new ArrayList<>();
    long jumpCount = 0;
    try (CaptureReader reader = CaptureReader.open(file)) {
      for (Optional<CapturedNotification> next = reader.next();
          next.isPresent() && !closed;
          next = reader.next()) {
        CapturedNotification n = next.get();
        long micros = n.epochMicros() + shiftMicros;
        if (firstMicros == Long.MIN_VALUE) {
          firstMicros = micros;
        } else {
          long step = micros - previousMicros;
          if (step > maxForward || step < -maxBackward) {
            jumpCount++;
            if (jumps.size() < MAX_JUMPS_KEPT) {
              jumps.add(new TimeJump(reader.recordNumber(), step));
            }
            shiftMicros -= step;
            micros = previousMicros;
          }
        }
        previousMicros = micros;
        long due = startNanos + (micros - firstMicros) * 1000L;
        if (pace == Pace.RECORDED) {
          for (long wait = due - System.nanoTime();
              wait > 0 && !closed;
              wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
          }
        }
        Optional<DeviceLink> link = device(n.deviceAddress()).flatMap(VirtualDevice::link);
        if (link.isEmpty() || !link.get().isNotifying(n.characteristic())) {
          notDelivered++;
          continue;
        }
        while (link.get().backlog() >= QUEUE_CAPACITY / 2 && link.get().isUp() && !closed) {
          LockSupport.parkNanos(100_000); // let the listeners catch up rather than drop
        }
        link.get().notify(n.characteristic(), n.valueNoCopy(), due);
        delivered++;
      }
      playback.complete(
          new Report(
              delivered,
              notDelivered,
              reader.skippedRecords(),
              reader.damage(),
              reader.damagedStretches(),
              reader.bytesSkipped(),
              jumps,
              jumpCount));
    } catch (IOException | RuntimeException e) {
      playback.completeExceptionally(e);
    }
  }

  @Override
  public CompletableFuture<ScanSession> scan(
      ScanFilter filter, ScanListener listener, Executor executor) {
    ensureOpen();
    return transport.scan(filter, listener, executor);
  }

  @Override
  public CompletableFuture<BleConnection> connect(
      String address, ConnectionListener listener, Executor executor) {
    ensureOpen();
    return transport.connect(address, listener, executor);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("capture replay closed: " + file);
    }
  }

  /** Stops playback and closes every connection and scan. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Thread t;
    synchronized (lock) {
      t = player;
    }
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(TimeUnit.SECONDS.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    transport.close();
    scheduler.shutdownNow();
  }

  /**
   * A captured device: answers reads with the values read while capturing, accepts writes. A
   * characteristic that could only be read live is offered to notify as well: a capture holds
   * values as notifications, including those a host polled (the legacy wristband whose firmware
   * cannot notify), and a replay hands them back the one way it can.
   */
  private static final class ReplayedDevice extends VirtualDevice {
    final CaptureDevice captured;
    private final Map<UUID, byte[]> readValues;

    ReplayedDevice(CaptureDevice captured) {
      super(
          captured.address(),
          captured.name(),
          captured.characteristics().stream()
              .map(c -> c.service())
              .collect(java.util.stream.Collectors.toSet()),
          captured.characteristics().stream().map(ReplayedDevice::notifiable).toList());
      this.captured = captured;
      this.readValues = captured.readValues();
    }

    private static GattCharacteristicInfo notifiable(GattCharacteristicInfo c) {
      if (!c.has(CharacteristicProperty.READ)
          || c.has(CharacteristicProperty.NOTIFY)
          || c.has(CharacteristicProperty.INDICATE)) {
        return c;
      }
      EnumSet<CharacteristicProperty> props = EnumSet.copyOf(c.properties());
      props.add(CharacteristicProperty.NOTIFY);
      return new GattCharacteristicInfo(c.service(), c.uuid(), c.handle(), props);
    }

    @Override
    public String kind() {
      return captured.kind();
    }

    @Override
    protected byte[] onRead(UUID characteristic) throws BleException {
      byte[] v = readValues.get(characteristic);
      if (v == null) {
        throw new BleException(
            BleException.Reason.NOT_SUPPORTED,
            address() + ": the capture holds no value read from " + characteristic);
      }
      return v.clone();
    }

    @Override
    protected void onWrite(UUID characteristic, byte[] value, WriteType type) throws BleException {
      // The recorded device already did what these writes asked (start streaming, set a mode):
      // accept them so the profile's start-up sequence runs as it did live.
      if (characteristic(characteristic)
          .filter(
              c ->
                  c.has(CharacteristicProperty.WRITE)
                      || c.has(CharacteristicProperty.WRITE_WITHOUT_RESPONSE))
          .isEmpty()) {
        throw new BleException(
            BleException.Reason.NOT_SUPPORTED,
            address() + ": " + characteristic + " is not writable");
      }
    }
  }
}
