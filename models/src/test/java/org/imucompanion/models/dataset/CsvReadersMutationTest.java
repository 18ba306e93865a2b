package org.imucompanion.models.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Both dataset readers fed real-format files with random damage ({@link CsvMutations}): whatever
 * the damage, a reader either returns a dataset or throws the documented {@link
 * DatasetFormatException} with a short message naming the file; nothing else escapes (no
 * NumberFormatException, no IllegalArgumentException from a recording, no OutOfMemoryError from
 * a 70,000-character line).
 */
class CsvReadersMutationTest {
  private Path dir;

  @BeforeProperty
  void makeDirectory() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(tmp);
    dir = Files.createTempDirectory(tmp, "mutations");
  }

  @AfterProperty
  void removeDirectory() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static byte[] mpuFile() {
    List<String> lines = new ArrayList<>(List.of(Mpu9250WristbandReaderTest.HEADER));
    for (String activity : List.of("Squat", "Pushup_Incorrect")) {
      for (int i = 0; i < 12; i++) {
        double s = Math.sin(0.7 * i);
        lines.add(String.format(Locale.ROOT, "4,%d,%s,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,-5.16,4.68,-2.65",
            i, activity, -17 * s, 9.8 + s, 0.13, -83.68 * s, 5 * s, 250 * s));
      }
    }
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] exermoteFile() {
    List<String> lines = new ArrayList<>(List.of(ExermoteReaderTest.HEADER));
    lines.add(ExermoteReaderTest.row(",,,,,,,,,,,", "setBreak", "setBreak", "2017-03-30 18:45:36:794", "1"));
    String[] labels = {"Squat", "Squat", "Break", "Squat", "setBreak"};
    String[] subs = {"firstHalf", "secondHalf", "Break", "firstHalf", "setBreak"};
    for (int i = 0; i < 15; i++) {
      lines.add(ExermoteReaderTest.row(ExermoteReaderTest.GOOD, labels[i % 5], subs[i % 5],
          String.format(Locale.ROOT, "2017-03-30 18:45:%02d:%03d", 37 + i / 10, (i % 10) * 100), "1"));
    }
    return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private void assertReadOrRefused(DatasetReader reader, String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    try {
      Dataset ds = reader.read(dir);
      assertThat(ds.recordings()).isNotEmpty();
      assertThat(ds.recordings()).allSatisfy(r -> assertThat(r.size()).isPositive());
      Statistics.label("outcome").collect("read");
    } catch (DatasetFormatException e) {
      assertThat(e.getMessage()).startsWith(file.toString()).hasSizeLessThan(file.toString().length() + 700);
      Statistics.label("outcome").collect("refused");
    } finally {
      Files.delete(file);
    }
  }

  @Property(tries = 400)
  void mpu9250FilesReadOrFailWithTheDocumentedException(
      @ForAll("damage") List<CsvMutations> damage) throws IOException {
    assertReadOrRefused(new Mpu9250WristbandReader(), "subject_04.csv", CsvMutations.apply(mpuFile(), damage));
  }

  @Property(tries = 400)
  void exermoteFilesReadOrFailWithTheDocumentedException(
      @ForAll("damage") List<CsvMutations> damage) throws IOException {
    assertReadOrRefused(new ExermoteReader(), "s Individual 1.csv", CsvMutations.apply(exermoteFile(), damage));
  }

  /** Both outcomes must be common, or the damage is too mild or too wild to test anything. */
  @AfterProperty
  void bothOutcomesOccur() {
    Statistics.label("outcome").coverage(c -> {
      c.check("read").percentage(p -> p > 10);
      c.check("refused").percentage(p -> p > 10);
    });
  }

  @Provide
  Arbitrary<List<CsvMutations>> damage() {
    return CsvMutations.some();
  }
}
