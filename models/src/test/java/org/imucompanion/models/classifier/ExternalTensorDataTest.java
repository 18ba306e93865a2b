package org.imucompanion.models.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.imucompanion.models.classifier.ExternalTensorData.Reference;
import org.imucompanion.models.classifier.ModelLoadException.Reason;
import org.junit.jupiter.api.Test;

/**
 * The protobuf scan for external tensor data, on the fixtures of {@code make_refused_models.py},
 * the shipped models, and hand-made bytes that are no protobuf.
 */
class ExternalTensorDataTest {

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = ExternalTensorDataTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void findsExternalDataInInitializersAndInsideNodes() throws Exception {
    assertThat(ExternalTensorData.in(resource("tiny_external_traversal.onnx")))
        .containsExactly(new Reference("net.head.bias", "../../../../etc/passwd"));
    assertThat(ExternalTensorData.in(resource("tiny_external_absolute.onnx")))
        .containsExactly(new Reference("net.head.bias", "/etc/services"));
    assertThat(ExternalTensorData.in(resource("tiny_external_in_constant.onnx")))
        .containsExactly(new Reference("offset", "weights.bin"));
  }

  @Test
  void selfContainedModelsHaveNone() throws Exception {
    for (String model : List.of(DefaultModel.RESOURCE, DefaultModel.PHASE_RESOURCE,
        BundledModel.MPU9250_WRISTBAND.resource(), "tiny_good.onnx", "tiny_phase.onnx")) {
      assertThat(ExternalTensorData.in(resource(model))).as(model).isEmpty();
    }
  }

  @Test
  void anExternalTensorWithoutLocationIsStillReported() throws Exception {
    // ModelProto.graph (7) { GraphProto.initializer (5) { name (8) "w", data_location (14) 1 } }
    byte[] tensor = {0x42, 1, 'w', 0x70, 1};
    byte[] graph = concat(new byte[] {0x2a, (byte) tensor.length}, tensor);
    byte[] model = concat(new byte[] {0x3a, (byte) graph.length}, graph);
    assertThat(ExternalTensorData.in(model)).containsExactly(new Reference("w", ""));
  }

  @Test
  void bytesThatAreNoProtobufAreRefusedWithTheOffset() {
    assertMalformed(new byte[] {1, 2, 3, 4, 5}, "byte 0 (field number 0)");
    assertMalformed(new byte[] {0x08, (byte) 0x80}, "byte 1 (a number is cut off)");
    assertMalformed(new byte[] {0x3a, 10, 0}, "byte 0 (field 7 of 10 bytes runs past its end)");
    assertMalformed(new byte[] {0x0f}, "byte 0 (wire type 7)");
    assertMalformed(new byte[] {0x0b, 0x08, 1}, "byte 3 (group 1 has no end)");
  }

  @Test
  void nestingDeeperThanProtobufAllowsIsRefused() {
    // Graph in attribute in node in graph ..., 120 levels deep, built inside out.
    byte[] inner = {};
    for (int level = 0; level < 120; level++) {
      int field = level % 3 == 0 ? 6 : level % 3 == 1 ? 5 : 1; // attribute.g, node.attr, graph.node
      inner = concat(lengthDelimited(field, inner.length), inner);
    }
    byte[] model = concat(lengthDelimited(7, inner.length), inner);
    assertThatThrownBy(() -> ExternalTensorData.in(model))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("(messages nested deeper than 100)")
        .satisfies(e -> assertThat(((ModelLoadException) e).reason())
            .isEqualTo(Reason.INVALID_MODEL));
  }

  private static byte[] lengthDelimited(int field, int length) {
    byte[] tag = {(byte) (field << 3 | 2)};
    byte[] len = length < 128
        ? new byte[] {(byte) length}
        : length < 16384
            ? new byte[] {(byte) (length & 0x7f | 0x80), (byte) (length >>> 7)}
            : new byte[] {(byte) (length & 0x7f | 0x80), (byte) (length >>> 7 & 0x7f | 0x80),
                (byte) (length >>> 14)};
    return concat(tag, len);
  }

  private static void assertMalformed(byte[] bytes, String where) {
    byte[] before = bytes.clone();
    assertThatThrownBy(() -> ExternalTensorData.in(bytes))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("is not a usable ONNX model: malformed protobuf at " + where)
        .satisfies(e -> assertThat(((ModelLoadException) e).reason())
            .isEqualTo(Reason.INVALID_MODEL));
    assertThat(bytes).isEqualTo(before);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
