package org.imucompanion.app.workspace;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.imucompanion.app.buffer.NotificationLog;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.NotificationListener;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.protocol.wristband.WristbandConfig;

/**
 * One device the dashboard shows: its name, what kind it is, the ring buffer its IMU samples are
 * written into, and its link state.
 *
 * <p>Producer threads write samples and state; the FX thread reads them once per frame. State is
 * held in an atomic reference rather than a JavaFX property, because a property may only be
 * changed on the FX thread and would force one {@code Platform.runLater} per change.
 */
public final class LiveDevice implements AutoCloseable {
  /** The IMU channels every device's ring buffer holds, in this order. */
  public static final List<String> IMU_CHANNELS =
      List.of("accel x", "accel y", "accel z", "gyro x", "gyro y", "gyro z");

  /** Ten seconds at 200 Hz: enough for the longest plot window at the fastest device rate. */
  public static final int DEFAULT_CAPACITY = 2_000;

  /** The eight EMG channels of a Myo's EMG buffer, in the armband's electrode order. */
  public static final List<String> EMG_CHANNELS =
      IntStream.rangeClosed(1, 8).mapToObj(i -> "emg " + i).toList();

  /** Ten seconds of EMG at the Myo's 200 Hz. */
  public static final int EMG_CAPACITY = 2_000;

  private final String name;
  private final AtomicReference<String> kind;
  private final SampleRingBuffer imuSamples;
  private final AtomicReference<Optional<SampleRingBuffer>> emgSamples;
  private final AtomicReference<Optional<DeviceKind>> deviceKind =
      new AtomicReference<>(Optional.empty());
  private final AtomicReference<List<DeviceStream>> streams = new AtomicReference<>(List.of());
  private volatile List<org.imucompanion.ble.GattCharacteristicInfo> characteristics = List.of();
  private final AtomicReference<LinkStatus> link = new AtomicReference<>(LinkStatus.STARTING);
  private final CompletableFuture<LiveDevice> firstStream = new CompletableFuture<>();
  private volatile NotificationListener notificationTap = n -> {};
  private volatile String address = "";
  private final HapticCues haptics = new HapticCues();
  private volatile java.util.function.IntConsumer buzzer = type -> {};
  private volatile boolean vibrates;
  private final java.util.function.IntConsumer buzzNow = this::buzz; // made once, used per window
  private volatile Optional<WristbandConfig> wristbandConfig = Optional.empty();
  private final AtomicInteger batteryPercent = new AtomicInteger(-1);
  private final AtomicInteger rssi = new AtomicInteger(Integer.MIN_VALUE);
  private final AtomicReference<String> firmwareVersion = new AtomicReference<>();
  private final AtomicReference<String> athlete = new AtomicReference<>("");
  private final AtomicReference<ConnectionState> state =
      new AtomicReference<>(ConnectionState.CONNECTING);
  private final AtomicReference<String> problem = new AtomicReference<>();
  private final AtomicReference<StreamHealth> health = new AtomicReference<>();
  private final java.util.concurrent.CopyOnWriteArrayList<StreamHealth> healths =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicReference<LiveClassification> classification = new AtomicReference<>();
  private volatile ClassificationListener classificationListener = ClassificationListener.NONE;
  private final AtomicReference<SampleSink> recording = new AtomicReference<>(SampleSink.NONE);
  private final NotificationLog notifications = new NotificationLog(4_096);
  private final AutoCloseable source;

  /**
   * Creates a device entry.
   *
   * @param name what the user calls it (e.g. "Virtual wristband")
   * @param kind the kind of device, for display (e.g. "wristband v1")
   * @param imuSamples where its accelerometer (g) and gyroscope (rad/s) samples are written, with
   *     the channels {@link #IMU_CHANNELS}
   * @param source what produces the samples; closed with the device
   */
  public LiveDevice(String name, String kind, SampleRingBuffer imuSamples, AutoCloseable source) {
    this(name, kind, imuSamples, Optional.empty(), source);
  }

  /**
   * Creates a device entry that also streams EMG (a Myo).
   *
   * @param name what the user calls it (e.g. "Virtual Myo")
   * @param kind the kind of device, for display (e.g. "myo")
   * @param imuSamples where its accelerometer (g) and gyroscope (rad/s) samples are written, with
   *     the channels {@link #IMU_CHANNELS}
   * @param emgSamples where its EMG samples (raw counts) are written, with the channels {@link
   *     #EMG_CHANNELS}, if it has EMG
   * @param source what produces the samples; closed with the device
   */
  public LiveDevice(
      String name,
      String kind,
      SampleRingBuffer imuSamples,
      Optional<SampleRingBuffer> emgSamples,
      AutoCloseable source) {
    this.name = Objects.requireNonNull(name, "name");
    this.kind = new AtomicReference<>(Objects.requireNonNull(kind, "kind"));
    this.imuSamples = Objects.requireNonNull(imuSamples, "imuSamples");
    this.emgSamples = new AtomicReference<>(Objects.requireNonNull(emgSamples, "emgSamples"));
    this.source = Objects.requireNonNull(source, "source");
    if (!imuSamples.channels().equals(IMU_CHANNELS)) {
      throw new IllegalArgumentException("IMU buffer must have channels " + IMU_CHANNELS);
    }
    if (emgSamples.isPresent() && !emgSamples.get().channels().equals(EMG_CHANNELS)) {
      throw new IllegalArgumentException("EMG buffer must have channels " + EMG_CHANNELS);
    }
  }

  /**
   * Returns the buffer the device's EMG samples are written into, for devices that have EMG.
   *
   * @return the ring buffer with channels {@link #EMG_CHANNELS}, or empty
   */
  public Optional<SampleRingBuffer> emgSamples() {
    return emgSamples.get();
  }

  /**
   * Returns the device's address on its transport.
   *
   * @return the address, empty for a device made without one (tests)
   */
  public String address() {
    return address;
  }

  /**
   * Records the device's address (set once by the feed that connects it).
   *
   * @param value the address
   */
  void reportAddress(String value) {
    address = Objects.requireNonNull(value, "value");
  }

  /**
   * Returns the device's haptic cues (set end, every N repetitions); only a device that can
   * vibrate (a Myo) acts on them.
   *
   * @return the cues, to configure
   */
  public HapticCues haptics() {
    return haptics;
  }

  /**
   * Tells whether the device can vibrate on its current connection.
   *
   * @return true while a Myo streams
   */
  public boolean canVibrate() {
    return vibrates;
  }

  /**
   * Sets how the device vibrates on its current connection (a Myo's command characteristic), or
   * that it cannot.
   *
   * @param how writes a vibration of a type; null when the device cannot vibrate now
   */
  void attachBuzzer(java.util.function.IntConsumer how) {
    vibrates = how != null;
    buzzer = how == null ? type -> {} : how;
  }

  /**
   * Makes the device vibrate now, if it can (does nothing otherwise); does not block.
   *
   * @param type {@link HapticCues#SHORT} or {@link HapticCues#MEDIUM}
   */
  void buzz(int type) {
    buzzer.accept(type);
  }

  /**
   * Returns a protocol-v1 wristband's configuration as read at its last connection (its data
   * packets decode with it).
   *
   * @return the configuration, empty for other kinds and before it was read
   */
  public Optional<WristbandConfig> wristbandConfig() {
    return wristbandConfig;
  }

  /**
   * Records a wristband's configuration.
   *
   * @param config as read from the device
   */
  void reportWristbandConfig(WristbandConfig config) {
    wristbandConfig = Optional.of(config);
  }

  /**
   * Returns what kind of device this turned out to be once connected (recognised by its GATT
   * characteristics, not by its advertisement).
   *
   * @return the kind, empty until the first connection resolved its services
   */
  public Optional<DeviceKind> deviceKind() {
    return deviceKind.get();
  }

  /**
   * Returns the streams the device sends, in the order {@link SampleSink#onSample}'s stream index
   * counts them, with the nominal rate of the mode in use.
   *
   * @return the streams, empty until the device is recognised
   */
  public List<DeviceStream> streams() {
    return streams.get();
  }

  /**
   * Records what the device is, once its services are known: its kind, shown kind and streams. A
   * Myo gets its EMG buffer here if it had none.
   *
   * @param recognised the kind
   * @param shownKind the kind as shown to the user
   * @param deviceStreams its streams in the mode in use
   */
  void recognise(DeviceKind recognised, String shownKind, List<DeviceStream> deviceStreams) {
    recognise(recognised, shownKind, deviceStreams, characteristics);
  }

  /**
   * Records what the device is and what its GATT table holds.
   *
   * @param recognised the kind
   * @param shownKind the kind as shown to the user
   * @param deviceStreams its streams in the mode in use
   * @param gatt every characteristic the last connection found
   */
  void recognise(
      DeviceKind recognised,
      String shownKind,
      List<DeviceStream> deviceStreams,
      List<org.imucompanion.ble.GattCharacteristicInfo> gatt) {
    characteristics = List.copyOf(gatt);
    deviceKind.set(Optional.of(recognised));
    kind.set(shownKind);
    streams.set(List.copyOf(deviceStreams));
    if (recognised == DeviceKind.MYO && emgSamples.get().isEmpty()) {
      emgSamples.set(Optional.of(new SampleRingBuffer(EMG_CHANNELS, EMG_CAPACITY)));
    }
  }

  /**
   * Returns every characteristic the device's last connection found (a capture's sidecar lists
   * them, so a replay can decode what it holds).
   *
   * @return the characteristics, empty until connected
   */
  public List<org.imucompanion.ble.GattCharacteristicInfo> characteristics() {
    return characteristics;
  }

  /**
   * Says where the device's link is, for its row and its Live panel: its state, or while
   * reconnecting or given up the supervisor's attempt and next try; the outages so far; the
   * device's problem, if it has one.
   *
   * @param nowNanos the current time, to count the wait from
   * @return e.g. {@code reconnecting (attempt 3, next in 1.2 s) · 1 outage, 4.0 s lost}
   */
  public String describeLink(long nowNanos) {
    LinkStatus now = link.get();
    String stateName = state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    String text =
        switch (now.state()) {
          case RECONNECTING, GAVE_UP -> now.describe(nowNanos);
          case CONNECTING -> now.attempt() > 1 ? now.describe(nowNanos) : stateName;
          default -> stateName;
        };
    if (now.outages() > 0) {
      text +=
          String.format(
              java.util.Locale.ROOT,
              " · %d outage%s, %.1f s lost",
              now.outages(),
              now.outages() == 1 ? "" : "s",
              now.lostTime().toMillis() / 1e3);
    }
    String shown = text;
    // Given up already says why; otherwise the device's problem (a failed attempt, no model).
    return problem()
        .filter(p -> now.state() != org.imucompanion.ble.supervise.SupervisedState.GAVE_UP)
        .map(p -> shown + " — " + p)
        .orElse(shown);
  }

  /**
   * Returns where the supervised link is (connecting, streaming, reconnecting with its attempt
   * and next try, given up and why), and the outages so far.
   *
   * @return the status
   */
  public LinkStatus link() {
    return link.get();
  }

  /**
   * Updates the link status; callable from any thread.
   *
   * @param update from the previous status to the new one
   */
  void updateLink(java.util.function.UnaryOperator<LinkStatus> update) {
    LinkStatus now = link.updateAndGet(update);
    switch (now.state()) {
      case STREAMING -> firstStream.complete(this);
      case GAVE_UP, STOPPED -> firstStream.completeExceptionally(
          new IllegalStateException(
              now.lastFailure().orElse(problem().orElse(name + ": " + now.describe(0)))));
      default -> {}
    }
  }

  /**
   * Completes when the device first streams (its kind and streams are then known), or fails with
   * the reason when the supervisor gives up first or the device is closed.
   *
   * @return the future; never completes for a device whose source is not supervised (a replay)
   */
  public CompletableFuture<LiveDevice> firstStreaming() {
    return firstStream.copy();
  }

  /**
   * Sets who else sees every raw notification of every data characteristic (the {@code inspect}
   * command's printer), on the delivery thread; it must not block.
   *
   * @param tap the listener ({@code n -> {}} to stop)
   */
  public void tapNotifications(NotificationListener tap) {
    notificationTap = Objects.requireNonNull(tap, "tap");
  }

  /**
   * Hands a raw notification to the Inspector's log and the tap.
   *
   * @param n the notification as it came
   */
  void onRawNotification(org.imucompanion.ble.Notification n) {
    notifications.append(n);
    notificationTap.onNotification(n);
  }

  /**
   * Returns who wears the device, as the coach named them.
   *
   * @return the athlete's name, empty until named
   */
  public String athlete() {
    return athlete.get();
  }

  /**
   * Names who wears the device; callable from any thread.
   *
   * @param name the athlete's name (blank to clear)
   */
  public void nameAthlete(String name) {
    athlete.set(Objects.requireNonNull(name, "name").strip());
  }

  /**
   * Returns the signal strength last heard, in dBm. BlueZ reports RSSI only while discovering, so
   * for a connected device it is the strength its scan heard.
   *
   * @return the RSSI, empty if never heard (virtual devices, replays)
   */
  public OptionalInt rssi() {
    int dbm = rssi.get();
    return dbm == Integer.MIN_VALUE ? OptionalInt.empty() : OptionalInt.of(dbm);
  }

  /**
   * Records a signal strength heard for this device; callable from any thread.
   *
   * @param dbm the RSSI in dBm
   */
  public void reportRssi(int dbm) {
    rssi.set(dbm);
  }

  /**
   * Returns the battery level last read from the device.
   *
   * @return the percentage, empty until read (or if the device does not report one)
   */
  public OptionalInt batteryPercent() {
    int p = batteryPercent.get();
    return p < 0 ? OptionalInt.empty() : OptionalInt.of(p);
  }

  /**
   * Records the battery level; callable from any thread.
   *
   * @param percent 0 to 100
   */
  public void reportBattery(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("battery percent out of range: " + percent);
    }
    batteryPercent.set(percent);
  }

  /**
   * Returns the firmware version the device reported.
   *
   * @return the version text, empty until read (or if the device does not say)
   */
  public Optional<String> firmwareVersion() {
    return Optional.ofNullable(firmwareVersion.get());
  }

  /**
   * Records the firmware version; callable from any thread.
   *
   * @param version the version, as the device reports it
   */
  public void reportFirmwareVersion(String version) {
    firmwareVersion.set(Objects.requireNonNull(version, "version"));
  }

  /**
   * Returns the device's recent raw data notifications, for the packet Inspector.
   *
   * @return the log the delivery thread appends to
   */
  public NotificationLog notifications() {
    return notifications;
  }

  /**
   * Returns the device's display name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the device's kind, for display.
   *
   * @return the kind
   */
  public String kind() {
    return kind.get();
  }

  /**
   * Returns the buffer the device's IMU samples are written into.
   *
   * @return the ring buffer
   */
  public SampleRingBuffer imuSamples() {
    return imuSamples;
  }

  /**
   * Returns the link state last reported.
   *
   * @return the state
   */
  public ConnectionState state() {
    return state.get();
  }

  /**
   * Records a new link state; callable from any thread.
   *
   * @param newState the state
   */
  public void reportState(ConnectionState newState) {
    state.set(Objects.requireNonNull(newState, "newState"));
  }

  /**
   * Returns the last problem reported, if any (e.g. a failed connect), for the user to read.
   *
   * @return the problem
   */
  public Optional<String> problem() {
    return Optional.ofNullable(problem.get());
  }

  /**
   * Records a problem the user should see; callable from any thread.
   *
   * @param message what went wrong
   */
  public void reportProblem(String message) {
    problem.set(Objects.requireNonNull(message, "message"));
  }

  /**
   * Forgets a problem that is over (a failed connection attempt, once the device streams again),
   * unless another was reported since.
   *
   * @param message the problem that is over
   */
  void clearProblem(String message) {
    problem.compareAndSet(message, null);
  }

  /**
   * Returns the stream health of the device's main data stream, once its stream started.
   *
   * @return the health tracker, fed by the connection's thread
   */
  public Optional<StreamHealth> health() {
    return Optional.ofNullable(health.get());
  }

  /**
   * Attaches the health tracker of the device's data stream; callable from any thread.
   *
   * @param streamHealth the tracker
   */
  public void attachHealth(StreamHealth streamHealth) {
    health.set(Objects.requireNonNull(streamHealth, "streamHealth"));
    healths.addIfAbsent(streamHealth);
  }

  /**
   * Attaches the health tracker of another of the device's streams (a Myo's EMG), shown beside
   * the main one; callable from any thread.
   *
   * @param streamHealth the tracker
   */
  public void attachOtherHealth(StreamHealth streamHealth) {
    healths.addIfAbsent(Objects.requireNonNull(streamHealth, "streamHealth"));
  }

  /**
   * Returns the health of every stream of the device, the main one first.
   *
   * @return the trackers, in the order attached
   */
  public List<StreamHealth> healths() {
    return List.copyOf(healths);
  }

  /**
   * Returns the classification of this device's stream, once a model is attached.
   *
   * @return the live classification
   */
  public Optional<LiveClassification> classification() {
    return Optional.ofNullable(classification.get());
  }

  /**
   * Attaches a live classification (the model loads after the stream starts); callable from any
   * thread. The device closes it when it closes.
   *
   * @param live the classification
   */
  public synchronized void attachClassification(LiveClassification live) {
    Objects.requireNonNull(live, "live").listen(classificationListener);
    live.watchRepetitions(n -> haptics.onRepetitionsInSet(n, buzzNow));
    LiveClassification previous = classification.getAndSet(live);
    if (previous != null) {
      previous.close();
    }
  }

  /**
   * Returns where samples are being recorded, {@link SampleSink#NONE} when not recording.
   *
   * @return the recording sink; read once per sample by the producer
   */
  public SampleSink recordingSink() {
    return recording.get();
  }

  /**
   * Starts or stops recording this device's samples; callable from any thread.
   *
   * @param sink where samples go from the next one on ({@link SampleSink#NONE} to stop)
   */
  public void recordInto(SampleSink sink) {
    recording.set(Objects.requireNonNull(sink, "sink"));
  }

  /**
   * Starts or stops telling a listener what this device's classification shows (labels and
   * repetitions), including a classification attached later (the model loads in the background);
   * callable from any thread.
   *
   * @param listener who hears it ({@link ClassificationListener#NONE} to stop)
   */
  public synchronized void listenToClassification(ClassificationListener listener) {
    classificationListener = Objects.requireNonNull(listener, "listener");
    classification().ifPresent(c -> c.listen(listener));
  }

  /** Stops the source; the buffer keeps its last samples. */
  @Override
  public void close() {
    try {
      source.close();
    } catch (Exception e) {
      reportProblem("closing failed: " + e.getMessage());
    } finally {
      classification().ifPresent(LiveClassification::close);
      state.set(ConnectionState.CLOSED);
      firstStream.completeExceptionally(new IllegalStateException(name + " was closed"));
    }
  }

  @Override
  public String toString() {
    return name + " (" + kind.get() + ")";
  }
}
