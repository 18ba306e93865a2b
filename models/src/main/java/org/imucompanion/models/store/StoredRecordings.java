package org.imucompanion.models.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.dataset.Dataset;

/**
 * Turns stored sessions into {@link Recording}s and a {@link Dataset}, so the very same window
 * export ({@code org.imucompanion.models.export.WindowExporter}) that turns published datasets
 * into training data also turns the athlete's own labeled sessions into training data.
 *
 * <p>Each sample's label is the exercise of the set containing its host time, with {@code
 * _Incorrect} appended for incorrect-form sets (the spelling of the MPU9250 dataset, so one class
 * mapping serves both), and {@link #REST_LABEL} outside sets. Time is the device clock, which is
 * strictly increasing even when several samples arrive in one notification with the same host
 * time, and 64-bit: {@link SessionStore#readSamples(long)} unwraps sessions stored with the
 * device's 32 bits ({@link WrappingDeviceClock}), so a session crossing the wrap keeps every
 * sample after it. Samples whose device time still does not increase (duplicates after a
 * reconnect) are skipped.
 */
public final class StoredRecordings {
  /** Label of samples outside any set. */
  public static final String REST_LABEL = "Rest";

  private StoredRecordings() {}

  /**
   * Reads one stream as a recording.
   *
   * @param store the store
   * @param streamId the stream
   * @return the recording: subject = athlete name (or {@code unknown}), session id = {@code
   *     session-<id>/<stream>}
   * @throws SessionStoreException if the stream does not exist or on a store failure
   */
  public static Recording toRecording(SessionStore store, long streamId) throws SessionStoreException {
    StreamInfo st = store.findStream(streamId).orElseThrow(() -> store.invalid("there is no stream with id " + streamId));
    Session s = store.findSession(st.sessionId()).orElseThrow();
    String subject = "unknown";
    if (s.athleteId().isPresent()) {
      subject = store.findAthlete(s.athleteId().get()).map(Athlete::name).orElse(subject);
    }
    List<Segment> sets = store.segments(s.id());
    SampleBlock b = store.readSamples(streamId);
    Recording.Builder out =
        Recording.builder(subject, "session-" + s.id() + "/" + st.name(), store.file().getFileName().toString(), ChannelLayout.of(st.channels()));
    long t0 = b.size() > 0 ? b.deviceMicros(0) : 0;
    long prev = Long.MIN_VALUE;
    int setIndex = 0;
    for (int i = 0; i < b.size(); i++) {
      long dev = b.deviceMicros(i);
      if (dev <= prev) {
        continue;
      }
      prev = dev;
      long host = b.hostNanos(i);
      while (setIndex < sets.size() && sets.get(setIndex).endHostNanos().orElse(Long.MAX_VALUE) < host) {
        setIndex++;
      }
      String label = REST_LABEL;
      if (setIndex < sets.size() && sets.get(setIndex).contains(host)) {
        Segment g = sets.get(setIndex);
        label = g.incorrectForm() ? g.exercise() + "_Incorrect" : g.exercise();
      }
      out.add((dev - t0) / 1e6, b.values(i), label, RepPhase.NONE);
    }
    return out.build();
  }

  /**
   * Collects streams of several sessions into a dataset for the window export.
   *
   * @param store the store
   * @param sessionIds the sessions
   * @param streamName only streams of this name, or all streams
   * @return the dataset, named {@code sessions}
   * @throws SessionStoreException if a session does not exist, no stream matches, or the
   *     matching streams have different nominal rates (the pipeline resamples from one rate)
   */
  public static Dataset toDataset(SessionStore store, List<Long> sessionIds, Optional<String> streamName)
      throws SessionStoreException {
    List<Recording> recordings = new ArrayList<>();
    double rate = Double.NaN;
    for (long id : sessionIds) {
      store.findSession(id).orElseThrow(() -> store.invalid("there is no session with id " + id));
      for (StreamInfo st : store.streams(id)) {
        if (streamName.isPresent() && !streamName.get().equals(st.name())) {
          continue;
        }
        if (!Double.isNaN(rate) && rate != st.nominalRateHz()) {
          throw store.invalid(
              "streams have different nominal rates (" + rate + " Hz and " + st.nominalRateHz() + " Hz in session " + id
                  + "); export one device kind at a time");
        }
        rate = st.nominalRateHz();
        recordings.add(toRecording(store, st.id()));
      }
    }
    if (recordings.isEmpty()) {
      throw store.invalid("no stream" + streamName.map(n -> " named '" + n + "'").orElse("") + " in sessions " + sessionIds);
    }
    return new Dataset(
        "sessions",
        "IMU Companion sessions " + sessionIds + " from " + store.file().getFileName(),
        rate,
        recordings,
        List.of());
  }
}
