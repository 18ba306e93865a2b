package org.imucompanion.models.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExermoteReader;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowExporterTest {
  @TempDir Path dir;

  /** A parsed .npy: its header dict and its raw little-endian data. */
  record Npy(String header, ByteBuffer data) {}

  static Map<String, Npy> readNpz(Path npz) throws IOException {
    Map<String, Npy> out = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(npz))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        byte[] all = zip.readAllBytes();
        assertThat(all[0] & 0xFF).isEqualTo(0x93);
        assertThat(new String(all, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        assertThat(all[6]).isEqualTo((byte) 1);
        int hlen = (all[8] & 0xFF) | (all[9] & 0xFF) << 8;
        assertThat((10 + hlen) % 64).as("header aligned to 64 bytes").isZero();
        assertThat(all[10 + hlen - 1]).isEqualTo((byte) '\n');
        String header = new String(all, 10, hlen, StandardCharsets.US_ASCII).trim();
        out.put(e.getName(), new Npy(header,
            ByteBuffer.wrap(all, 10 + hlen, all.length - 10 - hlen).slice()
                .order(ByteOrder.LITTLE_ENDIAN)));
      }
    }
    return out;
  }

  /** 60 s at 10 Hz; label by 10 s block; channel value encodes (channel, sample). */
  static Recording session(String subject, String id, String... blockLabels) {
    Recording.Builder b = Recording.builder(subject, id, id + ".csv", ExermoteReader.LAYOUT);
    double[] v = new double[ExermoteReader.LAYOUT.size()];
    for (int i = 0; i < 600; i++) {
      for (int c = 0; c < v.length; c++) {
        v[c] = c * 1000 + i;
      }
      String label = blockLabels[i / 100];
      RepPhase phase = label.equals("Break") || label.equals("setBreak") ? RepPhase.NONE
          : (i % 20 < 10 ? RepPhase.FIRST_HALF : RepPhase.SECOND_HALF);
      b.add(i * 0.1, v, label, phase);
    }
    return b.build();
  }

  static Dataset dataset() {
    return new Dataset("exermote", "synthetic", 10.0, List.of(
        session("1", "s1", "setBreak", "Squat", "Break", "Squat", "setBreak", "Burpee"),
        session("3", "s2", "Situp", "Break", "Situp", "setBreak", "Squat", "Squat")), List.of());
  }

  @Test
  void writesWindowsAndMetaExactlyAsSpecified() throws IOException {
    // Without the low-pass, values pass through unchanged and can be checked exactly.
    PipelineSettings settings = PipelineSettings.exermoteDefault().withLowPass(0, 4);
    ExportSummary summary = new WindowExporter(settings, ClassMapping.exermoteDefault())
        .export(dataset(), dir);

    // 600 samples, window 40, hop 5: (600 - 40) / 5 + 1 = 113 windows per session.
    assertThat(summary.windows()).isEqualTo(226);
    assertThat(summary.sessions()).isEqualTo(2);
    assertThat(summary.windowsPerSubject()).containsEntry("1", 113).containsEntry("3", 113);
    assertThat(summary.skippedUnmappedWindows()).isZero();

    Map<String, Npy> npz = readNpz(dir.resolve("windows.npz"));
    assertThat(npz.keySet()).containsExactlyInAnyOrder(
        "x.npy", "y.npy", "subject.npy", "session.npy", "t_end.npy", "y_phase.npy");
    assertThat(npz.get("x.npy").header())
        .isEqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (226, 40, 9), }");
    assertThat(npz.get("y.npy").header())
        .isEqualTo("{'descr': '<i4', 'fortran_order': False, 'shape': (226,), }");
    assertThat(npz.get("t_end.npy").header()).contains("'<f8'", "(226,)");
    assertThat(npz.get("x.npy").data().remaining()).isEqualTo(226 * 40 * 9 * 4);

    // Window k of session 0 ends at sample 39 + 5k; its rows are samples 5k .. 39 + 5k.
    // Channels are gravity, lin_acc, gyro: reader columns 3..11, passed through unchanged.
    ByteBuffer x = npz.get("x.npy").data();
    int k = 30;
    int end = 39 + 5 * k;
    for (int t = 0; t < 40; t++) {
      for (int c = 0; c < 9; c++) {
        float expected = (float) ((c + 3) * 1000 + (end - 39 + t));
        assertThat(x.getFloat(((k * 40 + t) * 9 + c) * 4)).isEqualTo(expected);
      }
    }
    ByteBuffer y = npz.get("y.npy").data();
    ByteBuffer tEnd = npz.get("t_end.npy").data();
    ByteBuffer session = npz.get("session.npy").data();
    ByteBuffer subject = npz.get("subject.npy").data();
    ByteBuffer phase = npz.get("y_phase.npy").data();
    List<String> classes = List.of("Burpee", "Squat", "Situp", "Rest");
    String[] s1 = {"Rest", "Squat", "Rest", "Squat", "Rest", "Burpee"};
    String[] s2 = {"Situp", "Rest", "Situp", "Rest", "Squat", "Squat"};
    // The dataset's own labels of the same blocks: Break is the pause inside a set.
    String[] raw1 = {"setBreak", "Squat", "Break", "Squat", "setBreak", "Burpee"};
    String[] raw2 = {"Situp", "Break", "Situp", "setBreak", "Squat", "Squat"};
    for (int w = 0; w < 226; w++) {
      int sess = w / 113;
      int last = 39 + 5 * (w % 113);
      String expected = (sess == 0 ? s1 : s2)[last / 100];
      assertThat(classes.get(y.getInt(4 * w))).as("window %d", w).isEqualTo(expected);
      assertThat(session.getInt(4 * w)).isEqualTo(sess);
      assertThat(subject.getInt(4 * w)).isEqualTo(sess == 0 ? 1 : 3);
      assertThat(tEnd.getDouble(8 * w)).isCloseTo(last * 0.1, org.assertj.core.data.Offset
          .offset(1e-9));
      String rawLabel = (sess == 0 ? raw1 : raw2)[last / 100];
      int expectedPhase = rawLabel.equals("Break") ? WindowExporter.PAUSE_PHASE
          : expected.equals("Rest") ? 0 : (last % 20 < 10 ? 1 : 2);
      assertThat(phase.getInt(4 * w)).isEqualTo(expectedPhase);
    }

    String meta = Files.readString(dir.resolve("meta.json"));
    assertThat(meta)
        .contains("\"classes\": [\"Burpee\", \"Squat\", \"Situp\", \"Rest\"]")
        .contains("\"rest_class\": \"Rest\"")
        .contains("\"channels\": [\"gravity_x\", \"gravity_y\", \"gravity_z\", \"lin_acc_x\"")
        .contains("\"sample_rate_hz\": 10.0")
        .contains("\"window\": 40")
        .contains("\"hop\": 5")
        .contains("\"gap_limit_s\": \"0.5\"")
        .contains("\"Break\": \"Rest\"")
        .contains("\"3\": \"pause\"")
        .contains("\"windows\": 226");
    assertThat(summary.windowsPerClass().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(226);
  }

  @Test
  void unmappedLabelsAreSkippedAndCounted() throws IOException {
    ClassMapping noRest = new ClassMapping(List.of("Squat", "Situp", "Burpee"),
        Map.of("Squat", "Squat", "Situp", "Situp", "Burpee", "Burpee"), Optional.empty());
    ExportSummary summary = new WindowExporter(PipelineSettings.exermoteDefault(), noRest)
        .export(dataset(), dir);
    assertThat(summary.skippedUnmappedWindows()).isPositive();
    assertThat(summary.windows() + summary.skippedUnmappedWindows()).isEqualTo(226);
    assertThat(readNpz(dir.resolve("windows.npz")).get("x.npy").header())
        .contains("(" + summary.windows() + ", 40, 9)");
    assertThat(Files.readString(dir.resolve("meta.json"))).doesNotContain("rest_class");
  }

  @Test
  void accelAndGyroOnlyGoesThroughTheOrientationFilter() throws IOException {
    Recording.Builder b = Recording.builder("2", "still", "t", ExermoteReader.LAYOUT);
    double[] v = new double[12];
    for (int i = 0; i < 100; i++) {
      // accel = gravity (0, 0.6, 0.8) + nothing; recorded gravity deliberately wrong (0, 0, 1).
      v[0] = 0;
      v[1] = 0.6;
      v[2] = 0.8;
      v[5] = 1;
      b.add(i * 0.1, v, "Squat", RepPhase.NONE);
    }
    Dataset ds = new Dataset("exermote", "t", 10.0, List.of(b.build()), List.of());
    new WindowExporter(PipelineSettings.exermoteDefault(), ClassMapping.exermoteDefault())
        .withDeviceChannels(List.of(Channels.ACCEL_X, Channels.ACCEL_Y, Channels.ACCEL_Z,
            Channels.GYRO_X, Channels.GYRO_Y, Channels.GYRO_Z))
        .export(ds, dir);
    ByteBuffer x = readNpz(dir.resolve("windows.npz")).get("x.npy").data();
    // gravity from the filter follows the accelerometer, not the recorded column.
    assertThat(x.getFloat(4)).isCloseTo(0.6f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(x.getFloat(8)).isCloseTo(0.8f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(Files.readString(dir.resolve("meta.json"))).contains("\"device_channels\"");
  }

  @Test
  void classMappingParsesAndValidates() {
    ClassMapping m = ClassMapping.parse("Burpee=Burpee, Break=Rest,setBreak=Rest", "Rest");
    assertThat(m.classes()).containsExactly("Burpee", "Rest");
    assertThat(m.classIndex("setBreak")).hasValue(1);
    assertThat(m.classIndex("Squat")).isEmpty();
    assertThatThrownBy(() -> ClassMapping.parse("Burpee", null))
        .hasMessageContaining("'Burpee' is not label=class");
    assertThatThrownBy(() -> ClassMapping.parse("a=b", "Rest"))
        .hasMessageContaining("rest class Rest");
    assertThat(DatasetFormat.byId("MPU9250-wristband")).contains(DatasetFormat.MPU9250_WRISTBAND);
    assertThat(DatasetFormat.byId("nope")).isEmpty();
  }

  @Test
  void npyHeaderOfInts() throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    NpyWriter.writeInt32(out, new int[] {1, -2, 70000});
    byte[] b = out.toByteArray();
    int dataStart = 10 + ((b[8] & 0xFF) | (b[9] & 0xFF) << 8);
    assertThat(dataStart).isEqualTo(128);
    assertThat(b.length).isEqualTo(dataStart + 12);
    ByteBuffer data = ByteBuffer.wrap(b, dataStart, 12).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(data.getInt()).isEqualTo(1);
    assertThat(data.getInt()).isEqualTo(-2);
    assertThat(data.getInt()).isEqualTo(70000);
    assertThat(NpyWriter.header(NpyWriter.DType.FLOAT64, 2, 3).length % 64).isZero();
  }
}
