package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.imucompanion.models.dataset.CsvMutations;

/**
 * The session CSV import fed its own exports with random damage ({@link CsvMutations}), into a
 * real store: each file either imports as one whole session or is refused as {@link
 * SessionStoreException.Reason#BAD_CSV} with a short message, and a refused file adds nothing.
 */
class SessionCsvMutationIT {
  private Path dir;
  private SessionStore store;
  private byte[] exported;

  @BeforeProperty
  void exportOneSession() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(tmp);
    dir = Files.createTempDirectory(tmp, "session-mutations");
    store = SessionStore.open(dir.resolve("s.db"));
    Session s = StoreFiles.session(store);
    StreamInfo st = StoreFiles.wristStream(store, s.id());
    SampleBlock b = new SampleBlock(9, 40);
    double[] v = new double[9];
    for (int i = 0; i < 40; i++) {
      for (int c = 0; c < 9; c++) {
        v[c] = Math.cos(i * 0.3 + c) - 0.25;
      }
      b.add(1_000_000_000L + i * 5_000_000L, i * 5_000L, v);
    }
    store.appendSamples(st.id(), b);
    store.addSegment(new Segment(0, s.id(), "=Squat, \"deep\"\nor not", 1_000_000_000L,
        OptionalLong.of(1_000_000_000L + 15 * 5_000_000L), OptionalInt.of(3), false, ""));
    store.addSegment(new Segment(0, s.id(), "Curl", 1_000_000_000L + 20 * 5_000_000L,
        OptionalLong.of(1_000_000_000L + 30 * 5_000_000L), OptionalInt.empty(), true, ""));
    Path csv = dir.resolve("good.csv");
    SessionCsv.exportStream(store, st.id(), csv);
    exported = Files.readAllBytes(csv);
  }

  @AfterProperty
  void removeEverything() throws Exception {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Property(tries = 250)
  void damagedFilesImportWholeOrAreRefusedLeavingTheStoreAsItWas(
      @ForAll("damage") List<CsvMutations> damage) throws IOException, SessionStoreException {
    Path csv = dir.resolve("damaged.csv");
    Files.write(csv, CsvMutations.apply(exported, damage));
    List<Session> before = store.sessions();
    try {
      Session s = SessionCsv.importFile(store, csv, Optional.empty());
      assertThat(store.sessions()).hasSize(before.size() + 1);
      assertThat(store.streams(s.id())).hasSize(1);
      Statistics.label("outcome").collect("imported");
    } catch (SessionStoreException e) {
      assertThat(e.reason()).as(e.getMessage()).isEqualTo(SessionStoreException.Reason.BAD_CSV);
      assertThat(e.getMessage()).startsWith(csv.toString()).hasSizeLessThan(csv.toString().length() + 700);
      assertThat(store.sessions()).isEqualTo(before);
      Statistics.label("outcome").collect("refused");
    } finally {
      Files.delete(csv);
    }
  }

  /** Both outcomes must be common, or the damage is too mild or too wild to test anything. */
  @AfterProperty
  void bothOutcomesOccur() {
    Statistics.label("outcome").coverage(c -> {
      c.check("imported").percentage(p -> p > 5);
      c.check("refused").percentage(p -> p > 10);
    });
  }

  @Provide
  Arbitrary<List<CsvMutations>> damage() {
    return CsvMutations.some();
  }
}
