package org.imucompanion.app.ui.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import org.imucompanion.models.Channels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Models view's load (its view model with the real loader and real ONNX sessions, the path
 * the Load button takes) refuses each bad model of {@code make_refused_models.py} with the file
 * named once and the reason, and keeps the model in use.
 */
class ModelsViewRefusalIT {
  private static final Executor DIRECT = Runnable::run;
  private static final String FIXTURES = "/org/imucompanion/app/cli/";

  @TempDir Path dir;

  @BeforeAll
  static void tmpdirExists() throws IOException {
    // ONNX Runtime unpacks its native library into java.io.tmpdir (target/tmp in this build).
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
  }

  private Path fixture(String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(FIXTURES + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  private void assertRefused(String name, String why) throws IOException {
    ModelsViewModel viewModel = new ModelsViewModel(ModelLoader.onnx(), DIRECT, DIRECT);
    viewModel.loadDefault().join();
    ModelSummary shipped = viewModel.modelProperty().get();
    assertThat(shipped).isNotNull();
    Path model = fixture(name);
    byte[] before = Files.readAllBytes(model);

    viewModel.loadFile(model).join();

    assertThat(viewModel.statusProperty().get()).isEqualTo("Refused " + model + ": " + why);
    assertThat(viewModel.modelProperty().get()).isEqualTo(shipped);
    assertThat(viewModel.loadingProperty().get()).isFalse();
    assertThat(Files.readAllBytes(model)).isEqualTo(before);
  }

  @Test
  void outOfBoundsContractValuesAreRefusedWithTheBound() throws IOException {
    assertRefused("tiny_rate_1e9.onnx", "invalid contract: imu.sample_rate_hz is 1.0E9 Hz,"
        + " outside the 1 to 2000 Hz this build runs");
    assertRefused("tiny_huge_window.onnx", "invalid contract: imu.window is 2000000000 samples,"
        + " outside 2 to 600 (60 s at 10 Hz)");
    assertRefused("tiny_unknown_channel.onnx", "invalid contract: imu.channels lists channel"
        + " 'gyro_w', which the pipeline does not know; known channels are "
        + new TreeSet<>(Channels.ALL));
    assertRefused("tiny_lowpass_nyquist.onnx", "invalid contract: pipeline settings"
        + " (imu.pipeline.*): low_pass_hz 6.0 must be below half of both the input and the"
        + " target rate");
  }

  @Test
  void aModelReturningNanIsRefused() throws IOException {
    assertRefused("tiny_nan.onnx", "model returns NaN for class Burpee (outputs [NaN, NaN, NaN,"
        + " NaN]) on a window of its own training means (imu.norm_mean); its output is no"
        + " probability");
  }

  @Test
  void externalDataIsRefused() throws IOException {
    assertRefused("tiny_external_traversal.onnx", "model keeps tensor data in other files"
        + " (tensor 'net.head.bias' in '../../../../etc/passwd'); only self-contained models are"
        + " loaded, so that no other file is opened and the SHA-256 shown covers every weight:"
        + " save it with its weights inside the .onnx file");
  }
}
