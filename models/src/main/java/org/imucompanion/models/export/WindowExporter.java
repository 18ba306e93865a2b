package org.imucompanion.models.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntConsumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExerciseSets;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.imucompanion.models.pipeline.RecordingReplay;
import org.imucompanion.models.pipeline.StreamingPipeline;

/**
 * Runs every session of a dataset through the live {@link StreamingPipeline} and writes the
 * windows for training: {@code windows.npz} and {@code meta.json}, as specified in {@code
 * models/training/WINDOWS_FORMAT.md}.
 *
 * <p>A window's label is the dataset label of its <em>last</em> step (the latest input sample at
 * or before the window's end), because live inference is causal: at the moment a window is
 * complete, that is what the label should say. Windows whose label the class mapping leaves out
 * are skipped and counted.
 *
 * <p>{@code y_phase} is the last step's {@link RepPhase} code, or {@value #PAUSE_PHASE} where a
 * step outside a repetition carries the dataset's label for the pause between two repetitions of
 * a set ({@link ExerciseSets#EXERMOTE_PAUSE}): a repetition-phase model learns to tell that pause,
 * after which the set goes on, from the rest after a set.
 */
public final class WindowExporter {
  /** Format name written to {@code meta.json}. */
  public static final String FORMAT = "imu-companion-windows";
  /** Format version written to {@code meta.json}. */
  public static final int FORMAT_VERSION = 1;
  /** {@code y_phase} code of a step in the pause between two repetitions of a set. */
  public static final int PAUSE_PHASE = 3;
  /** Name of {@link #PAUSE_PHASE} in {@code meta.json}'s {@code y_phase} table. */
  public static final String PAUSE_PHASE_NAME = "pause";

  private final PipelineSettings settings;
  private final ClassMapping mapping;
  private final Optional<List<String>> deviceChannels;

  /**
   * An exporter that feeds the pipeline every channel each recording has.
   *
   * @param settings pipeline settings (their input rate is replaced by the dataset's)
   * @param mapping dataset labels to classes
   */
  public WindowExporter(PipelineSettings settings, ClassMapping mapping) {
    this(settings, mapping, Optional.empty());
  }

  private WindowExporter(PipelineSettings settings, ClassMapping mapping,
      Optional<List<String>> deviceChannels) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.deviceChannels = deviceChannels.map(List::copyOf);
  }

  /**
   * An exporter that shows the pipeline only some of each recording's channels, as if a
   * simpler device had recorded it: e.g. only {@code accel_*} and {@code gyro_*} of Exermote,
   * so gravity and linear acceleration come from the orientation filter, as on a wristband.
   *
   * @param channels the channels to feed, in any order; each recording must have them all
   * @return a new exporter
   */
  public WindowExporter withDeviceChannels(List<String> channels) {
    return new WindowExporter(settings, mapping, Optional.of(channels));
  }

  /**
   * Exports a dataset.
   *
   * @param dataset the sessions (from a {@link org.imucompanion.models.dataset.DatasetReader})
   * @param outputDirectory created if missing; {@code windows.npz} and {@code meta.json} in it
   *     are replaced
   * @return what was written
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if the pipeline cannot produce the requested channels from
   *     the recordings' channels
   */
  public ExportSummary export(Dataset dataset, Path outputDirectory) throws IOException {
    return export(dataset, outputDirectory, done -> {});
  }

  /**
   * Exports a dataset, telling how far it got.
   *
   * @param dataset the sessions (from a {@link org.imucompanion.models.dataset.DatasetReader})
   * @param outputDirectory created if missing; {@code windows.npz} and {@code meta.json} in it
   *     are replaced
   * @param recordingsDone hears the number of recordings replayed so far, after each one
   * @return what was written
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if the pipeline cannot produce the requested channels from
   *     the recordings' channels
   */
  public ExportSummary export(Dataset dataset, Path outputDirectory, IntConsumer recordingsDone)
      throws IOException {
    Files.createDirectories(outputDirectory);
    PipelineSettings run = settings.withInputRate(dataset.sampleRateHz());
    int t = run.window();
    int c = run.channels().size();
    SubjectIds subjects = new SubjectIds(dataset.recordings());
    Path xData = Files.createTempFile(outputDirectory, "x", ".part");
    Collector collector = new Collector(t * c, mapping, subjects);
    List<Map<String, Object>> sessionMeta = new ArrayList<>();
    long gaps = 0;
    try {
      try (OutputStream x = new BufferedOutputStream(Files.newOutputStream(xData), 1 << 16)) {
        collector.x = x;
        int sessionIndex = 0;
        for (Recording r : dataset.recordings()) {
          collector.start(r, sessionIndex);
          StreamingPipeline pipeline = RecordingReplay.replay(r,
              deviceChannels.orElse(r.layout().names()), run, collector);
          if (collector.failure != null) {
            throw collector.failure;
          }
          gaps += pipeline.gaps();
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("id", sessionIndex);
          s.put("name", r.sessionId());
          s.put("subject", subjects.id(r.subject()));
          s.put("source", r.source());
          s.put("samples", r.size());
          s.put("windows", collector.windowsInSession);
          sessionMeta.add(s);
          sessionIndex++;
          recordingsDone.accept(sessionIndex);
        }
      }
      writeNpz(outputDirectory.resolve("windows.npz"), xData, collector, t, c);
    } finally {
      Files.deleteIfExists(xData);
    }
    Map<String, Integer> perClass = new LinkedHashMap<>();
    for (int k = 0; k < mapping.classes().size(); k++) {
      perClass.put(mapping.classes().get(k), collector.classCounts[k]);
    }
    ExportSummary summary = new ExportSummary(outputDirectory, collector.count,
        dataset.recordings().size(), perClass, collector.subjectCounts,
        collector.skippedUnmapped, gaps);
    Files.writeString(outputDirectory.resolve("meta.json"),
        JsonText.write(meta(dataset, run, summary, subjects, sessionMeta)),
        StandardCharsets.UTF_8);
    return summary;
  }

  private Map<String, Object> meta(Dataset dataset, PipelineSettings run, ExportSummary summary,
      SubjectIds subjects, List<Map<String, Object>> sessions) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("format_version", FORMAT_VERSION);
    m.put("classes", mapping.classes());
    mapping.restClass().ifPresent(r -> m.put("rest_class", r));
    m.put("channels", run.channels());
    m.put("sample_rate_hz", run.targetRateHz());
    m.put("window", run.window());
    m.put("hop", run.hop());
    m.put("label", "dataset label of the window's last step (causal), mapped to a class");
    m.put("label_mapping", mapping.labelToClass());
    Map<String, String> phases = new LinkedHashMap<>();
    for (RepPhase phase : RepPhase.values()) {
      phases.put(Integer.toString(phase.code()), phase.className());
    }
    phases.put(Integer.toString(PAUSE_PHASE), PAUSE_PHASE_NAME);
    m.put("y_phase", phases);
    m.put("pipeline", run.toMetadata());
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("name", dataset.name());
    ds.put("description", dataset.description());
    ds.put("sample_rate_hz", dataset.sampleRateHz());
    ds.put("sessions", dataset.recordings().size());
    ds.put("rows_repaired", dataset.repairedRows());
    ds.put("rows_dropped", dataset.droppedRows());
    deviceChannels.ifPresent(d -> ds.put("device_channels", d));
    m.put("dataset", ds);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("windows", summary.windows());
    counts.put("per_class", summary.windowsPerClass());
    counts.put("per_subject", summary.windowsPerSubject());
    counts.put("skipped_unmapped", summary.skippedUnmappedWindows());
    counts.put("gaps", summary.gaps());
    m.put("counts", counts);
    m.put("subjects", subjects.table());
    m.put("sessions", sessions);
    return m;
  }

  private static void writeNpz(Path npz, Path xData, Collector col, int t, int c)
      throws IOException {
    Path part = npz.resolveSibling(npz.getFileName() + ".part");
    try (ZipOutputStream zip = new ZipOutputStream(
        new BufferedOutputStream(Files.newOutputStream(part), 1 << 16))) {
      zip.setLevel(Deflater.BEST_SPEED);
      zip.putNextEntry(new ZipEntry("x.npy"));
      zip.write(NpyWriter.header(NpyWriter.DType.FLOAT32, col.count, t, c));
      Files.copy(xData, zip);
      zip.closeEntry();
      entryInt(zip, "y.npy", Arrays.copyOf(col.y, col.count));
      entryInt(zip, "subject.npy", Arrays.copyOf(col.subject, col.count));
      entryInt(zip, "session.npy", Arrays.copyOf(col.session, col.count));
      zip.putNextEntry(new ZipEntry("t_end.npy"));
      NpyWriter.writeFloat64(zip, Arrays.copyOf(col.tEnd, col.count));
      zip.closeEntry();
      entryInt(zip, "y_phase.npy", Arrays.copyOf(col.phase, col.count));
    }
    Files.move(part, npz, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void entryInt(ZipOutputStream zip, String name, int[] values) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    NpyWriter.writeInt32(zip, values);
    zip.closeEntry();
  }

  /** Numeric subject ids: the dataset's own when they are all integers, else 0, 1, 2... */
  private static final class SubjectIds {
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    SubjectIds(List<Recording> recordings) {
      boolean numeric = recordings.stream().allMatch(r -> r.subject().matches("-?\\d{1,9}"));
      for (Recording r : recordings) {
        ids.computeIfAbsent(r.subject(),
            s -> numeric ? Integer.parseInt(s) : ids.size());
      }
    }

    int id(String subject) {
      return ids.get(subject);
    }

    List<Map<String, Object>> table() {
      List<Map<String, Object>> out = new ArrayList<>();
      ids.forEach((name, id) -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        out.add(m);
      });
      return out;
    }
  }

  /** Receives the pipeline's windows for one session at a time and appends them. */
  private static final class Collector implements RecordingReplay.WindowListener {
    private final ClassMapping mapping;
    private final SubjectIds subjects;
    private final byte[] scratch;
    OutputStream x;
    IOException failure;
    int count;
    int skippedUnmapped;
    int windowsInSession;
    int[] y = new int[1024];
    int[] subject = new int[1024];
    int[] session = new int[1024];
    int[] phase = new int[1024];
    double[] tEnd = new double[1024];
    final int[] classCounts;
    final Map<String, Integer> subjectCounts = new LinkedHashMap<>();
    private Recording recording;
    private int sessionIndex;
    private int subjectId;

    Collector(int windowValues, ClassMapping mapping, SubjectIds subjects) {
      this.mapping = mapping;
      this.subjects = subjects;
      this.scratch = new byte[4 * windowValues];
      this.classCounts = new int[mapping.classes().size()];
    }

    void start(Recording r, int index) {
      recording = r;
      sessionIndex = index;
      subjectId = subjects.id(r.subject());
      windowsInSession = 0;
      subjectCounts.putIfAbsent(r.subject(), 0);
    }

    @Override
    public void onWindow(float[] window, double endTime, String label, RepPhase repPhase) {
      if (failure != null) {
        return;
      }
      OptionalInt cls = mapping.classIndex(label);
      if (cls.isEmpty()) {
        skippedUnmapped++;
        return;
      }
      try {
        NpyWriter.appendFloat32(x, window, scratch);
      } catch (IOException e) {
        failure = e;
        return;
      }
      if (count == y.length) {
        int cap = count * 2;
        y = Arrays.copyOf(y, cap);
        subject = Arrays.copyOf(subject, cap);
        session = Arrays.copyOf(session, cap);
        phase = Arrays.copyOf(phase, cap);
        tEnd = Arrays.copyOf(tEnd, cap);
      }
      y[count] = cls.getAsInt();
      subject[count] = subjectId;
      session[count] = sessionIndex;
      phase[count] = repPhase == RepPhase.NONE && ExerciseSets.EXERMOTE_PAUSE.equals(label)
          ? PAUSE_PHASE : repPhase.code();
      tEnd[count] = endTime;
      count++;
      windowsInSession++;
      classCounts[cls.getAsInt()]++;
      subjectCounts.merge(recording.subject(), 1, Integer::sum);
    }
  }
}
