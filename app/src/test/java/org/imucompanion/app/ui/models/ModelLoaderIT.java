package org.imucompanion.app.ui.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.ModelLoadException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real loader on a real ONNX session: the shipped model, and a file that is not a model. */
class ModelLoaderIT {
  @TempDir Path dir;

  @BeforeAll
  static void tmpdirExists() throws IOException {
    // ONNX Runtime unpacks its native library into java.io.tmpdir (target/tmp in this build).
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
  }

  @Test
  void theShippedModelLoadsWithItsContractAndTheRecordedChecksum() throws Exception {
    ModelSummary summary = ModelLoader.onnx().load(Optional.empty());

    assertThat(summary.classes()).isNotEmpty();
    assertThat(summary.channels()).isNotEmpty();
    assertThat(summary.sampleRateHz()).isPositive();
    assertThat(summary.windowLength()).isGreaterThan(summary.hop()).isPositive();
    try (InputStream in = DefaultModel.class.getResourceAsStream(DefaultModel.SHA256_RESOURCE)) {
      String recorded = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+")[0];
      assertThat(summary.sha256()).isEqualToIgnoringCase(recorded);
    }
  }

  @Test
  void aFileThatIsNotAModelIsRefusedWithAReason() throws IOException {
    Path bogus = Files.write(dir.resolve("bogus.onnx"), new byte[] {1, 2, 3, 4, 5});

    assertThatThrownBy(() -> ModelLoader.onnx().load(Optional.of(bogus)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("bogus.onnx");
  }
}
