package org.imucompanion.app.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.models.store.NewSession;
import org.imucompanion.models.store.NewStream;
import org.imucompanion.models.store.SessionRecorder;

/**
 * Records a live device into a session: one stored stream per {@link DeviceStream} the device
 * sends (channels and nominal rate of the mode in use), every outage of the link stored as a gap
 * in each, and the session's metadata (kind, placement, firmware version, battery) from what the
 * device reported. The one way {@code record} and the Record view start recording a device.
 */
public final class DeviceRecording {
  private final LiveDevice device;
  private final List<SessionRecorder.RecordedStream> streams;
  private final Optional<PreRoll> preRoll;

  private DeviceRecording(
      LiveDevice device, List<SessionRecorder.RecordedStream> streams, Optional<PreRoll> preRoll) {
    this.device = device;
    this.streams = streams;
    this.preRoll = preRoll;
  }

  /**
   * Returns where a device of a kind is worn unless the user says otherwise.
   *
   * @param kind the kind
   * @return {@code forearm} for a Myo, {@code wrist} for the wristbands
   */
  public static String defaultPlacement(DeviceKind kind) {
    return kind == DeviceKind.MYO ? "forearm" : "wrist";
  }

  /**
   * Describes the session a recording of a streaming device belongs to.
   *
   * @param device the device, streaming (its kind is known)
   * @param athleteId who wears it, if known
   * @param notes the user's notes (battery level is added)
   * @return the new session's description
   */
  public static NewSession sessionFor(LiveDevice device, Optional<Long> athleteId, String notes) {
    DeviceKind kind = requireRecognised(device);
    StringBuilder text = new StringBuilder(notes);
    device
        .batteryPercent()
        .ifPresent(
            p -> text.append(text.length() == 0 ? "" : "; ").append("battery ").append(p).append(" %"));
    return NewSession.startingNow(
        athleteId,
        kind.id(),
        device.firmwareVersion().orElse(""),
        defaultPlacement(kind),
        text.toString());
  }

  /**
   * Opens the device's streams in a session's recorder and starts recording into them.
   *
   * @param device the device, streaming
   * @param recorder the session's recorder
   * @return the running recording; {@link #stop()} ends it
   */
  public static DeviceRecording start(LiveDevice device, SessionRecorder recorder) {
    DeviceRecording recording = open(device, recorder, Optional.empty());
    device.recordInto(new IntoStreams(recording.streams));
    return recording;
  }

  /**
   * Opens the device's streams in a session's recorder and records into them everything a
   * pre-roll held since the device's first sample, then everything after it.
   *
   * @param device the device, streaming, started with the pre-roll as its sink
   * @param recorder the session's recorder
   * @param preRoll what held the device's samples until now
   * @return the running recording; {@link #stop()} ends it
   */
  public static DeviceRecording start(LiveDevice device, SessionRecorder recorder, PreRoll preRoll) {
    DeviceRecording recording = open(device, recorder, Optional.of(preRoll));
    preRoll.attach(new IntoStreams(recording.streams));
    return recording;
  }

  private static DeviceRecording open(
      LiveDevice device, SessionRecorder recorder, Optional<PreRoll> preRoll) {
    DeviceKind kind = requireRecognised(device);
    String placement = defaultPlacement(kind);
    List<SessionRecorder.RecordedStream> opened = new ArrayList<>();
    for (DeviceStream s : device.streams()) {
      opened.add(
          recorder.openStream(
              new NewStream(
                  placement + "-" + s.name(),
                  kind.id(),
                  device.address().isEmpty() ? device.name() : device.address(),
                  s.channels(),
                  s.nominalRateHz())));
    }
    return new DeviceRecording(device, List.copyOf(opened), preRoll);
  }

  private static DeviceKind requireRecognised(LiveDevice device) {
    return device
        .deviceKind()
        .orElseThrow(
            () -> new IllegalStateException(device.name() + " is not streaming yet: nothing to record"));
  }

  /**
   * Returns the samples stored so far, over all streams.
   *
   * @return samples written
   */
  public long writtenSamples() {
    long n = 0;
    for (SessionRecorder.RecordedStream s : streams) {
      n += s.writtenSamples();
    }
    return n;
  }

  /** Stops handing samples to the recorder (what is queued is still written). */
  public void stop() {
    if (preRoll.isPresent()) {
      preRoll.get().detach();
    } else {
      device.recordInto(SampleSink.NONE);
    }
  }

  /** Routes each device stream to its stored stream, and each outage into every one as a gap. */
  private record IntoStreams(List<SessionRecorder.RecordedStream> streams) implements SampleSink {
    @Override
    public void onSample(int stream, long hostNanos, long deviceMicros, double[] values) {
      if (stream < streams.size()) {
        streams.get(stream).offer(hostNanos, deviceMicros, values);
      }
    }

    @Override
    public void onOutage(long lostAtNanos, long resumedAtNanos, String cause) {
      for (SessionRecorder.RecordedStream s : streams) {
        s.disconnected(lostAtNanos, cause);
        s.reconnected(resumedAtNanos);
      }
    }
  }
}
