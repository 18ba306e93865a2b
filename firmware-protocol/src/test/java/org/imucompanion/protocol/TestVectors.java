package org.imucompanion.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.imucompanion.protocol.wristband.AccelRange;
import org.imucompanion.protocol.wristband.GyroRange;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;

/**
 * Loads the shared test vectors in {@code firmware-protocol/test-vectors/}, which the Java codec,
 * the C reference encoder and the Python generator must all agree on.
 */
public final class TestVectors {
  /** One wristband vector: config, packet from raw counts, and the expected bytes. */
  public record Wristband(
      String name,
      WristbandConfig config,
      byte[] configBytes,
      int sequence,
      long t0Micros,
      int[][] rawSamples,
      byte[] packetBytes) {

    /**
     * Builds the packet the raw counts stand for.
     *
     * @return the packet in SI units
     */
    public WristbandDataPacket packet() {
      List<WristbandSample> samples = new ArrayList<>();
      for (int[] r : rawSamples) {
        samples.add(sampleFromRaw(r, config));
      }
      return new WristbandDataPacket(sequence, t0Micros, config.magnetometer(), config.crc(), samples);
    }
  }

  /** One legacy vector: nine raw int16 and the expected 32 bytes. */
  public record Legacy(String name, int[] raw, byte[] valueBytes) {}

  private static final HexFormat HEX = HexFormat.of();

  private TestVectors() {}

  /**
   * Returns the directory of the vector files, found from the module's working directory.
   *
   * @return {@code firmware-protocol/test-vectors}
   */
  public static Path directory() {
    for (Path p : List.of(Path.of("test-vectors"), Path.of("firmware-protocol", "test-vectors"))) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("test-vectors directory not found from " + Path.of("").toAbsolutePath());
  }

  /**
   * Reads the wristband v1 vectors.
   *
   * @return the vectors
   */
  public static List<Wristband> wristband() {
    List<Wristband> out = new ArrayList<>();
    for (JsonNode v : read("wristband-v1.json").get("vectors")) {
      JsonNode c = v.get("config");
      WristbandConfig config =
          new WristbandConfig(
              c.get("odr").asInt(),
              AccelRange.values()[c.get("accel_fs").asInt()],
              GyroRange.values()[c.get("gyro_fs").asInt()],
              c.get("mag").asBoolean(),
              c.get("crc").asBoolean(),
              c.get("batch").asInt());
      JsonNode p = v.get("packet");
      int[][] raw = new int[p.get("samples").size()][];
      for (int i = 0; i < raw.length; i++) {
        JsonNode s = p.get("samples").get(i);
        raw[i] = new int[s.size()];
        for (int j = 0; j < raw[i].length; j++) {
          raw[i][j] = s.get(j).asInt();
        }
      }
      out.add(
          new Wristband(
              v.get("name").asText(),
              config,
              HEX.parseHex(v.get("config_hex").asText()),
              p.get("sequence").asInt(),
              p.get("t0_us").asLong(),
              raw,
              HEX.parseHex(v.get("packet_hex").asText())));
    }
    return out;
  }

  /**
   * Reads the legacy vectors.
   *
   * @return the vectors
   */
  public static List<Legacy> legacy() {
    List<Legacy> out = new ArrayList<>();
    for (JsonNode v : read("legacy.json").get("vectors")) {
      int[] raw = new int[9];
      for (int i = 0; i < 9; i++) {
        raw[i] = v.get("raw").get(i).asInt();
      }
      out.add(new Legacy(v.get("name").asText(), raw, HEX.parseHex(v.get("value_hex").asText())));
    }
    return out;
  }

  /**
   * Builds a sample from raw counts with the config's scales.
   *
   * @param r six or nine counts
   * @param config the ranges
   * @return the sample
   */
  public static WristbandSample sampleFromRaw(int[] r, WristbandConfig config) {
    Int16Scale a = config.accelRange().scale();
    Int16Scale g = config.gyroRange().scale();
    Int16Scale m = WristbandCodec.MAG_SCALE;
    return new WristbandSample(
        new Vector3(a.toUnits(r[0]), a.toUnits(r[1]), a.toUnits(r[2])),
        new Vector3(g.toUnits(r[3]), g.toUnits(r[4]), g.toUnits(r[5])),
        r.length == 9
            ? Optional.of(new Vector3(m.toUnits(r[6]), m.toUnits(r[7]), m.toUnits(r[8])))
            : Optional.empty());
  }

  private static JsonNode read(String file) {
    try {
      return new ObjectMapper().readTree(directory().resolve(file).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
