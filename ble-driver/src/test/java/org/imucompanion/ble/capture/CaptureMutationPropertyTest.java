package org.imucompanion.ble.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random damage to a valid capture (bit flips, 32-bit fields overwritten with lengths like 2³¹ and
 * −1, cuts, inserted bytes) never escapes the reader as anything but {@link
 * CaptureFormatException}, never hangs and never allocates without bound.
 */
class CaptureMutationPropertyTest {

  private static Path dir;
  private static Path file;
  private static byte[] clean;

  @BeforeContainer
  static void writeACapture() throws IOException {
    dir = Files.createTempDirectory("capture-mutations");
    file = dir.resolve("clean.btsnoop");
    CaptureDevice wristband = CaptureFixtures.wristband();
    CaptureDevice myo = CaptureFixtures.myo();
    try (CaptureWriter w = CaptureWriter.create(file, 0, 0)) {
      w.addDevice(wristband);
      w.addDevice(myo);
      for (CapturedNotification n : CaptureFixtures.notifications(wristband, myo, 60, 5)) {
        w.write(n);
      }
    }
    clean = Files.readAllBytes(file);
  }

  @AfterContainer
  static void removeIt() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static byte[] clean() {
    return clean;
  }

  @Property(tries = 300)
  void randomDamageNeverEscapesHangsOrAllocatesWithoutBound(
      @ForAll("mutations") List<Mutation> mutations) throws Exception {
    byte[] bytes = clean().clone();
    for (Mutation m : mutations) {
      bytes = m.apply(bytes);
    }
    byte[] damaged = bytes;
    Path f = Files.createTempFile(dir, "mutated", ".btsnoop");
    Files.write(f, damaged);
    Files.copy(CaptureWriter.sidecarOf(file), CaptureWriter.sidecarOf(f));
    long limit = 64L << 20;
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          com.sun.management.ThreadMXBean threads =
              (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
          long before = threads.getCurrentThreadAllocatedBytes();
          try {
            Capture read = CaptureReader.readAll(f);
            assertThat(read.damage().size()).isLessThanOrEqualTo(CaptureReader.MAX_DAMAGE_KEPT);
            assertThat(read.notifications().size() + read.skippedRecords())
                .isLessThanOrEqualTo(damaged.length / 24);
          } catch (CaptureFormatException e) {
            assertThat(e).hasMessageContaining(f.toString());
          }
          assertThat(threads.getCurrentThreadAllocatedBytes() - before)
              .as("bytes allocated reading %d bytes", damaged.length)
              .isLessThan(limit);
        });
    Files.delete(f);
    Files.delete(CaptureWriter.sidecarOf(f));
  }

  /** One change to the file's bytes. */
  interface Mutation {
    byte[] apply(byte[] bytes);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> flip =
        Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 7))
            .as((where, bit) -> bytes -> {
              byte[] b = bytes.clone();
              if (b.length > 0) {
                int i = (int) (where * (b.length - 1));
                b[i] ^= (byte) (1 << bit);
              }
              return b;
            });
    Arbitrary<Mutation> overwriteInt =
        Combinators.combine(
                Arbitraries.doubles().between(0, 1),
                Arbitraries.oneOf(
                    Arbitraries.of(-1, 1 << 31, 0, Integer.MAX_VALUE, 65540, 65541),
                    Arbitraries.integers()))
            .as((where, value) -> bytes -> {
              byte[] b = bytes.clone();
              if (b.length >= 4) {
                ByteBuffer.wrap(b).putInt((int) (where * (b.length - 4)), value);
              }
              return b;
            });
    Arbitrary<Mutation> cut =
        Arbitraries.doubles().between(0, 1).map(where -> bytes -> java.util.Arrays.copyOf(bytes, (int) (where * bytes.length)));
    Arbitrary<Mutation> insert =
        Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.bytes().array(byte[].class).ofMaxSize(80))
            .as((where, extra) -> bytes -> {
              int at = (int) (where * bytes.length);
              byte[] b = new byte[bytes.length + extra.length];
              System.arraycopy(bytes, 0, b, 0, at);
              System.arraycopy(extra, 0, b, at, extra.length);
              System.arraycopy(bytes, at, b, at + extra.length, bytes.length - at);
              return b;
            });
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, flip),
            net.jqwik.api.Tuple.of(4, overwriteInt),
            net.jqwik.api.Tuple.of(1, cut),
            net.jqwik.api.Tuple.of(2, insert))
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }
}
