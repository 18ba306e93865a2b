package org.imucompanion.models.classifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imucompanion.models.classifier.ModelLoadException.Reason;

/**
 * Finds the tensors of an ONNX file that keep their data in other files ({@code TensorProto}
 * with {@code data_location = EXTERNAL}, or with {@code external_data} entries), before ONNX
 * Runtime sees the file: ONNX Runtime opens such a {@code location} wherever it points ({@code
 * /etc/passwd}, {@code ../../x}), relative to the process's working directory when the model is
 * loaded from bytes, as {@link OnnxClassifier} does.
 *
 * <p>A small reader of the protobuf wire format, walking only the messages that can hold tensors
 * ({@code onnx.proto}, IR version 8): the graph's initializers and sparse initializers, node
 * attributes ({@code t}, {@code tensors}, {@code sparse_tensor(s)}) and their subgraphs ({@code
 * g}, {@code graphs}), local functions' nodes and training graphs. Everything else is skipped by
 * its wire type, so the reader needs no protobuf dependency and no generated code.
 */
final class ExternalTensorData {
  /** Deeper nesting than this is refused (protobuf's own parser stops at 100 too). */
  static final int MAX_DEPTH = 100;

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int START_GROUP = 3;
  private static final int END_GROUP = 4;
  private static final int FIXED32 = 5;
  private static final int DATA_LOCATION_EXTERNAL = 1;

  /**
   * The messages walked, and which of their fields hold which message (field numbers of {@code
   * onnx.proto}); a field not listed is skipped.
   */
  private enum Message {
    MODEL, GRAPH, NODE, ATTRIBUTE, TENSOR, SPARSE_TENSOR, FUNCTION, TRAINING_INFO, ENTRY, OTHER;

    Message field(int number) {
      return switch (this) {
        // ModelProto: graph 7, training_info 20, functions 25
        case MODEL -> number == 7 ? GRAPH
            : number == 20 ? TRAINING_INFO : number == 25 ? FUNCTION : OTHER;
        // GraphProto: node 1, initializer 5, sparse_initializer 15
        case GRAPH -> number == 1 ? NODE
            : number == 5 ? TENSOR : number == 15 ? SPARSE_TENSOR : OTHER;
        // NodeProto: attribute 5
        case NODE -> number == 5 ? ATTRIBUTE : OTHER;
        // FunctionProto: node 7
        case FUNCTION -> number == 7 ? NODE : OTHER;
        // AttributeProto: t 5, tensors 10, g 6, graphs 11, sparse_tensor 22, sparse_tensors 23
        case ATTRIBUTE -> number == 5 || number == 10 ? TENSOR
            : number == 6 || number == 11 ? GRAPH
            : number == 22 || number == 23 ? SPARSE_TENSOR : OTHER;
        // SparseTensorProto: values 1, indices 2
        case SPARSE_TENSOR -> number == 1 || number == 2 ? TENSOR : OTHER;
        // TrainingInfoProto: initialization 1, algorithm 2
        case TRAINING_INFO -> number == 1 || number == 2 ? GRAPH : OTHER;
        // TensorProto: external_data 13 (StringStringEntryProto); name 8 and data_location 14
        // are read in place
        case TENSOR -> number == 13 ? ENTRY : OTHER;
        case ENTRY, OTHER -> OTHER;
      };
    }
  }

  /** A tensor stored outside the file. */
  record Reference(String tensor, String location) {}

  private final byte[] bytes;
  private final List<Reference> found = new ArrayList<>();

  private ExternalTensorData(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Every tensor of a serialized {@code ModelProto} whose data lies in another file.
   *
   * @param model the {@code .onnx} file's bytes
   * @return tensor names and their {@code location} entries ("" when a tensor names none), in
   *     file order; empty for a self-contained model
   * @throws ModelLoadException {@link Reason#INVALID_MODEL} if the bytes are not a well-formed
   *     protobuf message, with the byte offset
   */
  static List<Reference> in(byte[] model) throws ModelLoadException {
    ExternalTensorData scan = new ExternalTensorData(model);
    scan.message(0, model.length, Message.MODEL, 0);
    return List.copyOf(scan.found);
  }

  private void message(int from, int to, Message type, int depth) throws ModelLoadException {
    if (depth > MAX_DEPTH) {
      throw malformed(from, "messages nested deeper than " + MAX_DEPTH);
    }
    String name = "";
    boolean external = false;
    List<String> locations = new ArrayList<>();
    boolean entries = false;
    String entryKey = "";
    String entryValue = "";
    int[] pos = {from};
    while (pos[0] < to) {
      int at = pos[0];
      long tag = varint(pos, to);
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (number < 1) {
        throw malformed(at, "field number " + number);
      }
      switch (wire) {
        case VARINT -> {
          long v = varint(pos, to);
          if (type == Message.TENSOR && number == 14 && v == DATA_LOCATION_EXTERNAL) {
            external = true;
          }
        }
        case FIXED64 -> skip(pos, to, 8);
        case FIXED32 -> skip(pos, to, 4);
        case LENGTH_DELIMITED -> {
          long length = varint(pos, to);
          if (length > to - pos[0]) {
            throw malformed(at, "field " + number + " of " + length + " bytes runs past its end");
          }
          int start = pos[0];
          int end = start + (int) length;
          Message inner = type.field(number);
          if (inner == Message.ENTRY) {
            String[] kv = entry(start, end);
            entries = true;
            if (kv[0].equals("location")) {
              locations.add(kv[1]);
            }
          } else if (inner != Message.OTHER) {
            message(start, end, inner, depth + 1);
          } else if (type == Message.TENSOR && number == 8) {
            name = text(start, end);
          }
          pos[0] = end;
        }
        case START_GROUP -> group(pos, to, number, depth);
        default -> throw malformed(at, "wire type " + wire);
      }
    }
    if (pos[0] != to) {
      throw malformed(to, "a field runs past its message");
    }
    if (type == Message.TENSOR && (external || entries)) {
      if (locations.isEmpty()) {
        found.add(new Reference(name, ""));
      }
      for (String location : locations) {
        found.add(new Reference(name, location));
      }
    }
  }

  /** Reads a {@code StringStringEntryProto}: key 1, value 2. */
  private String[] entry(int from, int to) throws ModelLoadException {
    String[] kv = {"", ""};
    int[] pos = {from};
    while (pos[0] < to) {
      int at = pos[0];
      long tag = varint(pos, to);
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (wire == LENGTH_DELIMITED) {
        long length = varint(pos, to);
        if (length > to - pos[0]) {
          throw malformed(at, "field " + number + " of " + length + " bytes runs past its end");
        }
        int end = pos[0] + (int) length;
        if (number == 1 || number == 2) {
          kv[number - 1] = text(pos[0], end);
        }
        pos[0] = end;
      } else if (wire == VARINT) {
        varint(pos, to);
      } else if (wire == FIXED64 || wire == FIXED32) {
        skip(pos, to, wire == FIXED64 ? 8 : 4);
      } else if (wire == START_GROUP) {
        group(pos, to, number, 0);
      } else {
        throw malformed(at, "wire type " + wire);
      }
    }
    return kv;
  }

  /** Skips a deprecated group up to its matching end tag. */
  private void group(int[] pos, int to, int number, int depth) throws ModelLoadException {
    if (depth > MAX_DEPTH) {
      throw malformed(pos[0], "groups nested deeper than " + MAX_DEPTH);
    }
    while (true) {
      if (pos[0] >= to) {
        throw malformed(pos[0], "group " + number + " has no end");
      }
      int at = pos[0];
      long tag = varint(pos, to);
      int wire = (int) (tag & 7);
      switch (wire) {
        case VARINT -> varint(pos, to);
        case FIXED64 -> skip(pos, to, 8);
        case FIXED32 -> skip(pos, to, 4);
        case LENGTH_DELIMITED -> skip(pos, to, varint(pos, to));
        case START_GROUP -> group(pos, to, (int) (tag >>> 3), depth + 1);
        case END_GROUP -> {
          if ((int) (tag >>> 3) != number) {
            throw malformed(at, "group " + number + " ended by " + (tag >>> 3));
          }
          return;
        }
        default -> throw malformed(at, "wire type " + wire);
      }
    }
  }

  private long varint(int[] pos, int to) throws ModelLoadException {
    long value = 0;
    int at = pos[0];
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= to) {
        throw malformed(at, "a number is cut off");
      }
      byte b = bytes[pos[0]++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw malformed(at, "a number longer than 10 bytes");
  }

  private void skip(int[] pos, int to, long n) throws ModelLoadException {
    if (n < 0 || n > to - pos[0]) {
      throw malformed(pos[0], "a field of " + n + " bytes runs past its end");
    }
    pos[0] += (int) n;
  }

  private String text(int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }

  private static ModelLoadException malformed(int offset, String what) {
    return new ModelLoadException(Reason.INVALID_MODEL,
        "is not a usable ONNX model: malformed protobuf at byte " + offset + " (" + what + ")");
  }
}
