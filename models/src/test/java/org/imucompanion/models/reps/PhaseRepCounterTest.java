package org.imucompanion.models.reps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.imucompanion.models.WindowClassifier;
import org.imucompanion.models.classifier.ModelContract;
import org.junit.jupiter.api.Test;

/**
 * {@link PhaseRepCounter} on scripted phase posteriors: a stand-in phase model reads the phase of
 * its window's last sample, and how sure it is of it, from the sample itself, so every stream
 * states exactly what the model "says" at each sample and the true count is known.
 */
class PhaseRepCounterTest {
  private static final double RATE = 10;
  private static final int NONE = 0;
  private static final int FIRST = 1;
  private static final int SECOND = 2;
  private static final int PAUSE = 3;
  private static final List<String> PHASES = List.of("none", "firstHalf", "secondHalf", "pause");
  private static final Set<String> EXERCISES = Set.of("Squat", "Burpee");

  /**
   * Says the phase coded in its window's last sample: {@code percent * 10 + phase}, with a
   * probability of {@code percent} / 100, or 0.7 for a bare phase code; the other phases share
   * the rest.
   */
  private static final class ScriptedPhaseModel implements WindowClassifier {
    @Override
    public List<String> classes() {
      return PHASES;
    }

    @Override
    public List<String> channels() {
      return List.of("gyro_x");
    }

    @Override
    public int windowLength() {
      return 4;
    }

    @Override
    public void classify(float[] window, float[] probabilities) {
      int code = (int) window[window.length - 1];
      int phase = code % 10;
      float p = code < 10 ? 0.7f : code / 10 / 100f;
      for (int k = 0; k < probabilities.length; k++) {
        probabilities[k] = k == phase ? p : (1 - p) / 3;
      }
    }
  }

  private static ModelContract contract(double lookAheadSeconds) {
    return new ModelContract(1, "scripted", PHASES, Optional.empty(), RATE, 4, 1,
        List.of("gyro_x"), List.of(0.0), List.of(1.0), ModelContract.Output.PROBABILITIES,
        Map.of(), "test", List.of(), ModelContract.Task.REPETITION_PHASE, lookAheadSeconds);
  }

  private static PhaseRepCounter counter() {
    return counter(PhaseRepCounter.Settings.defaults(), 0);
  }

  private static PhaseRepCounter counter(PhaseRepCounter.Settings settings, double lookAhead) {
    return new PhaseRepCounter(new ScriptedPhaseModel(), contract(lookAhead), EXERCISES, settings);
  }

  /** A stream: one phase code and one live label per sample, and the true repetition ends. */
  private static final class Script {
    final List<Integer> phases = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    final List<Integer> repEnds = new ArrayList<>();
    final List<Integer> setSizes = new ArrayList<>();

    Script add(int phase, String label, int samples) {
      for (int i = 0; i < samples; i++) {
        phases.add(phase);
        labels.add(label);
      }
      return this;
    }

    /** One repetition: its halves, then its end (the first sample after it). */
    Script rep(String label, int first, int second) {
      return rep(label, first, second, 70);
    }

    /** One repetition whose halves the model gives {@code percent} %. */
    Script rep(String label, int first, int second, int percent) {
      add(percent * 10 + FIRST, label, first).add(percent * 10 + SECOND, label, second);
      repEnds.add(phases.size());
      return this;
    }

    int size() {
      return phases.size();
    }

    double time(int i) {
      return 100 + i / RATE;
    }

    List<RepEvent> run(PhaseRepCounter counter) {
      List<RepEvent> events = new ArrayList<>();
      feed(counter, 0, size(), events);
      return events;
    }

    void feed(PhaseRepCounter counter, int from, int to, List<RepEvent> events) {
      double[] times = new double[size()];
      double[][] samples = new double[size()][];
      String[] live = new String[size()];
      for (int i = 0; i < size(); i++) {
        times[i] = time(i);
        samples[i] = new double[] {phases.get(i)};
        live[i] = labels.get(i);
      }
      counter.feed(times, samples, live, from, to, events::add);
    }
  }

  /**
   * Sets of 2 to 10 repetitions at varied tempo (each half 2 to 14 samples) and strength (the
   * model's second-half probability 0.70 to 0.77: within the doubt rule's 0.9 of each other),
   * with pauses of 0 to 3 s between repetitions that the model calls a pause or nothing,
   * one-sample flickers of the model inside long halves, and rest between sets: every set is
   * counted exactly, in order.
   */
  @Property(tries = 200)
  void countsSetsOfVariedTempoWithPausesAndFlickerExactly(@ForAll long seed) {
    Random rnd = new Random(seed);
    Script s = new Script();
    List<Integer> percents = new ArrayList<>();
    s.add(NONE, "Rest", 30 + rnd.nextInt(30));
    int sets = 1 + rnd.nextInt(3);
    for (int set = 0; set < sets; set++) {
      String exercise = rnd.nextBoolean() ? "Squat" : "Burpee";
      int reps = 2 + rnd.nextInt(9);
      s.setSizes.add(reps);
      s.add(NONE, exercise, rnd.nextInt(5));
      for (int r = 0; r < reps; r++) {
        if (r > 0) {
          // No pause, or one of at least two samples: a one-sample pause is a flicker.
          int pause = rnd.nextInt(31);
          s.add(rnd.nextBoolean() ? PAUSE : NONE, exercise, pause == 1 ? 0 : pause);
        }
        int first = 2 + rnd.nextInt(13);
        int second = 2 + rnd.nextInt(13);
        int start = s.size();
        int percent = 70 + rnd.nextInt(8);
        percents.add(percent);
        s.rep(exercise, first, second, percent);
        flicker(s, start, first, rnd);
        flicker(s, start + first, second, rnd);
      }
      s.add(NONE, "Rest", 80 + rnd.nextInt(40));
    }
    List<RepEvent> events = s.run(counter());

    assertThat(events).hasSize(s.repEnds.size());
    int k = 0;
    for (int set = 0; set < s.setSizes.size(); set++) {
      for (int r = 1; r <= s.setSizes.get(set); r++, k++) {
        RepEvent e = events.get(k);
        assertThat(e.setNumber()).isEqualTo(set + 1);
        assertThat(e.indexInSet()).isEqualTo(r);
        // Dated where the second half ended; known two samples later (the confirmation).
        assertThat(e.timeSeconds()).isCloseTo(s.time(s.repEnds.get(k)), within(1e-9));
        assertThat(e.emittedSeconds()).isCloseTo(s.time(s.repEnds.get(k) + 1), within(1e-9));
        assertThat(e.confidence()).isCloseTo(percents.get(k) / 100.0, within(1e-6));
      }
    }
  }

  /** Replaces one sample well inside a run of {@code length} with another phase. */
  private static void flicker(Script s, int start, int length, Random rnd) {
    if (length >= 6) {
      int at = start + 2 + rnd.nextInt(length - 4);
      int code = s.phases.get(at);
      // Another phase digit; the probability (the tens) stays.
      s.phases.set(at, code - code % 10 + (code % 10 + 1 + rnd.nextInt(3)) % 4);
    }
  }

  private static Offset<Double> within(double v) {
    return Offset.offset(v);
  }

  @Test
  void aRestOnlyStreamCountsNothing() {
    Random rnd = new Random(3);
    Script rest = new Script();
    for (int i = 0; i < 600; i++) {
      rest.add(rnd.nextInt(3) == 0 ? PAUSE : NONE, "Rest", 1);
    }
    assertThat(rest.run(counter())).isEmpty();
  }

  @Test
  void movementTheLabelCallsRestCountsNothing() {
    Script s = new Script().add(NONE, "Rest", 20);
    for (int r = 0; r < 6; r++) {
      s.rep("Rest", 6, 6).add(PAUSE, "Rest", 10);
    }
    s.add(NONE, "Rest", 100);
    assertThat(s.run(counter())).isEmpty();
  }

  @Property(tries = 50)
  void feedingInAnyChunkSizesGivesTheSameEvents(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int maxChunk) {
    Random rnd = new Random(seed);
    Script s = new Script().add(NONE, "Rest", 20);
    for (int set = 0; set < 3; set++) {
      // The label settles late and drops early, so some repetitions are held and released.
      s.rep("Rest", 3 + rnd.nextInt(8), 3 + rnd.nextInt(8)).add(PAUSE, "Squat", 5);
      for (int r = 0; r < 4; r++) {
        s.rep("Squat", 3 + rnd.nextInt(8), 3 + rnd.nextInt(8)).add(PAUSE, "Squat", rnd.nextInt(20));
      }
      // A weak repetition that the next one confirms, and a weak movement after the set.
      s.rep("Squat", 3 + rnd.nextInt(8), 3 + rnd.nextInt(8), 30).add(PAUSE, "Squat", 5)
          .rep("Squat", 5, 5).add(PAUSE, "Squat", 5)
          .rep("Squat", 3 + rnd.nextInt(8), 3 + rnd.nextInt(8), 30);
      s.rep("Rest", 5, 5).add(NONE, "Rest", 60 + rnd.nextInt(60));
    }
    List<RepEvent> whole = s.run(counter());
    List<RepEvent> chunked = new ArrayList<>();
    PhaseRepCounter c = counter();
    for (int from = 0; from < s.size(); ) {
      int to = Math.min(s.size(), from + 1 + rnd.nextInt(maxChunk));
      s.feed(c, from, to, chunked);
      from = to;
    }
    assertThat(chunked).isEqualTo(whole);
    assertThat(whole).isNotEmpty();
  }

  @Test
  void aRepetitionTheLabelCallsRestMidSetCountsWhenTheLabelComesBack() {
    Script s = new Script().add(NONE, "Rest", 20)
        .rep("Squat", 6, 6).add(PAUSE, "Squat", 8)
        .rep("Rest", 6, 6).add(PAUSE, "Rest", 10) // the label calls this repetition rest
        .rep("Squat", 6, 6).add(NONE, "Rest", 100);
    List<RepEvent> events = s.run(counter());
    assertThat(events).extracting(RepEvent::indexInSet).containsExactly(1, 2, 3);
    RepEvent held = events.get(1);
    assertThat(held.timeSeconds()).isCloseTo(s.time(s.repEnds.get(1)), within(1e-9));
    // Emitted when the label named the exercise again, 10 samples of pause after it ended, read
    // one sample late (the label of the moment a confirmed phase change began).
    assertThat(held.emittedSeconds()).isCloseTo(s.time(s.repEnds.get(1) + 11), within(1e-9));
    assertThat(held.late()).isTrue();
  }

  @Test
  void aRepetitionHeldLongerThanTheHoldTimeIsDropped() {
    PhaseRepCounter.Settings settings = PhaseRepCounter.Settings.defaults().withHoldSeconds(1.0);
    Script s = new Script().add(NONE, "Rest", 20)
        .rep("Squat", 6, 6).add(PAUSE, "Squat", 8)
        .rep("Squat", 6, 6).add(NONE, "Rest", 5)
        // Getting up after the set: the label says rest and names the exercise again only after
        // the hold time.
        .rep("Rest", 6, 6).add(NONE, "Rest", 15).add(NONE, "Squat", 3).add(NONE, "Rest", 100);
    assertThat(s.run(counter(settings, 0))).extracting(RepEvent::indexInSet)
        .containsExactly(1, 2);
  }

  @Test
  void theLastRepetitionOfASetCountsUnderALabelThatEndsWithIt() {
    // A label without delay (the recording's own) turns to rest on the sample after the last
    // repetition ends; the counter knows the repetition ended only two samples later.
    Script s = new Script().add(NONE, "Rest", 20)
        .rep("Squat", 6, 6).add(PAUSE, "Squat", 8)
        .rep("Squat", 6, 6).add(NONE, "Rest", 100);
    assertThat(s.run(counter())).hasSize(2);
    PhaseRepCounter.Settings noSlack = new PhaseRepCounter.Settings(2, 7, 0, 0, 0);
    assertThat(s.run(counter(noSlack, 0))).hasSize(1);
  }

  /** A set of {@code reps} at 0.7, then a movement the model gives 0.4 under the set's label. */
  private static Script setThenWeakMovement(int reps) {
    Script s = new Script().add(NONE, "Rest", 20);
    for (int r = 0; r < reps; r++) {
      s.rep("Squat", 6, 6).add(PAUSE, "Squat", 8);
    }
    // A model's label still names the exercise a few seconds after the set.
    return s.rep("Squat", 6, 6, 40).add(NONE, "Squat", 30).add(NONE, "Rest", 100);
  }

  @Test
  void aWeakMovementAfterASetCountsNothing() {
    Script s = setThenWeakMovement(4);
    List<RepEvent> events = s.run(counter());
    assertThat(events).extracting(RepEvent::indexInSet).containsExactly(1, 2, 3, 4);
    // 0.4 < 0.9 x 0.7: doubtful, and nothing follows it in the set.
    PhaseRepCounter.Settings noDoubt = PhaseRepCounter.Settings.defaults().withDoubtShare(0);
    assertThat(s.run(counter(noDoubt, 0))).hasSize(5);
    // Not doubtful at a lower share: 0.4 >= 0.55 x 0.7.
    PhaseRepCounter.Settings lowShare = PhaseRepCounter.Settings.defaults().withDoubtShare(0.55);
    assertThat(s.run(counter(lowShare, 0))).hasSize(5);
  }

  @Test
  void aWeakRepetitionInsideASetCountsWhenTheNextOneEnds() {
    Script s = new Script().add(NONE, "Rest", 20);
    for (int r = 0; r < 3; r++) {
      s.rep("Squat", 6, 6).add(PAUSE, "Squat", 8);
    }
    s.rep("Squat", 6, 6, 40).add(PAUSE, "Squat", 8);
    s.rep("Squat", 6, 6).add(PAUSE, "Squat", 8).rep("Squat", 6, 6).add(NONE, "Rest", 100);
    List<RepEvent> events = s.run(counter());

    assertThat(events).extracting(RepEvent::indexInSet).containsExactly(1, 2, 3, 4, 5, 6);
    RepEvent weak = events.get(3);
    assertThat(weak.confidence()).isCloseTo(0.4, within(1e-6));
    assertThat(weak.timeSeconds()).isCloseTo(s.time(s.repEnds.get(3)), within(1e-9));
    // Known when the next repetition is: its end plus the confirmation.
    assertThat(weak.emittedSeconds()).isCloseTo(s.time(s.repEnds.get(4) + 1), within(1e-9));
    assertThat(weak.late()).isTrue();
    assertThat(events.get(4).emittedSeconds()).isEqualTo(weak.emittedSeconds());
  }

  @Test
  void aSetsFirstTwoRepetitionsAreNeverDoubtful() {
    Script s = new Script().add(NONE, "Rest", 20)
        .rep("Squat", 6, 6, 90).add(PAUSE, "Squat", 8)
        .rep("Squat", 6, 6, 40).add(NONE, "Squat", 30).add(NONE, "Rest", 100);
    assertThat(s.run(counter())).hasSize(2);
    // The third is measured against the median of the first two (0.65): 0.4 < 0.9 x 0.65.
    Script three = new Script().add(NONE, "Rest", 20)
        .rep("Squat", 6, 6, 90).add(PAUSE, "Squat", 8)
        .rep("Squat", 6, 6, 40).add(PAUSE, "Squat", 8)
        .rep("Squat", 6, 6, 40).add(NONE, "Squat", 30).add(NONE, "Rest", 100);
    assertThat(three.run(counter())).hasSize(2);
  }

  @Test
  void aDoubtfulRepetitionIsDroppedWhenItsSetEnds() {
    // The label changes exercise right after the weak movement: a new set, which does not
    // inherit it.
    Script s = new Script().add(NONE, "Rest", 20);
    for (int r = 0; r < 3; r++) {
      s.rep("Squat", 6, 6).add(PAUSE, "Squat", 8);
    }
    s.rep("Squat", 6, 6, 40).add(NONE, "Burpee", 8)
        .rep("Burpee", 6, 6).add(PAUSE, "Burpee", 8).rep("Burpee", 6, 6).add(NONE, "Rest", 100);
    List<RepEvent> events = s.run(counter());
    assertThat(events).extracting(RepEvent::exercise)
        .containsExactly("Squat", "Squat", "Squat", "Burpee", "Burpee");
    assertThat(events).extracting(RepEvent::indexInSet).containsExactly(1, 2, 3, 1, 2);
  }

  @Test
  void settingsAreChecked() {
    PhaseRepCounter.Settings d = PhaseRepCounter.Settings.defaults();
    assertThatThrownBy(() -> d.withDoubtShare(1.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("doubt share must be in [0, 1): 1.0");
    assertThatThrownBy(() -> d.withDoubtShare(-0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withDoubtShare(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.withHoldSeconds(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hold seconds must be >= 0");
  }

  @Test
  void aRepetitionBeforeTheLabelSettlesCountsInTheSet() {
    Script s = new Script().add(NONE, "Rest", 20)
        .rep("Rest", 6, 6).add(PAUSE, "Rest", 5)
        .rep("Burpee", 6, 6).add(NONE, "Rest", 100);
    List<RepEvent> events = s.run(counter());
    assertThat(events).extracting(RepEvent::exercise).containsExactly("Burpee", "Burpee");
    assertThat(events).extracting(RepEvent::indexInSet).containsExactly(1, 2);
  }

  @Test
  void aLabelNamingAnotherExerciseStartsANewSet() {
    Script s = new Script().add(NONE, "Rest", 20)
        .rep("Squat", 6, 6).add(PAUSE, "Squat", 5).rep("Squat", 6, 6)
        .add(NONE, "Burpee", 5).rep("Burpee", 6, 6).add(NONE, "Rest", 100);
    List<RepEvent> events = s.run(counter());
    assertThat(events).extracting(RepEvent::setNumber).containsExactly(1, 1, 2);
    assertThat(events).extracting(RepEvent::indexInSet).containsExactly(1, 2, 1);
  }

  @Test
  void aSecondHalfWithoutAFirstHalfIsNoRepetition() {
    Script s = new Script().add(NONE, "Rest", 20).add(NONE, "Squat", 5)
        .add(SECOND, "Squat", 8).add(PAUSE, "Squat", 8)
        .rep("Squat", 6, 6).add(NONE, "Rest", 100);
    assertThat(s.run(counter())).hasSize(1);
  }

  @Test
  void aRepetitionIsDatedBackByTheModelsLookAhead() {
    Script s = new Script().add(NONE, "Rest", 20).rep("Squat", 6, 6).add(PAUSE, "Squat", 8)
        .rep("Squat", 6, 6).add(PAUSE, "Squat", 30);
    List<RepEvent> events = s.run(counter(PhaseRepCounter.Settings.defaults(), 0.3));
    assertThat(events).hasSize(2);
    assertThat(events.get(0).timeSeconds()).isCloseTo(s.time(s.repEnds.get(0)) - 0.3,
        within(1e-9));
  }

  @Test
  void resetForgetsTheStreamAndTheSetNumbering() {
    Script s = new Script().add(NONE, "Rest", 20).rep("Squat", 6, 6).add(PAUSE, "Squat", 8)
        .rep("Squat", 6, 6).add(NONE, "Rest", 100);
    PhaseRepCounter c = counter();
    List<RepEvent> first = s.run(c);
    c.reset();
    assertThat(s.run(c)).isEqualTo(first);
    assertThat(c.repetitionsInSet()).isZero();
    assertThat(c.currentExercise()).isEmpty();
  }

  @Test
  void anInterruptedStreamStartsANewSetWithTheNextNumber() {
    Script s = new Script().add(NONE, "Rest", 20).rep("Squat", 6, 6).add(PAUSE, "Squat", 8)
        .rep("Squat", 6, 6).add(PAUSE, "Squat", 8);
    int gap = s.size();
    s.rep("Squat", 6, 6).add(PAUSE, "Squat", 8).rep("Squat", 6, 6).add(NONE, "Rest", 100);
    assertThat(s.run(counter())).extracting(RepEvent::setNumber).containsExactly(1, 1, 1, 1);
    PhaseRepCounter c = counter();
    List<RepEvent> events = new ArrayList<>();
    s.feed(c, 0, gap, events);
    c.interrupt();
    assertThat(c.repetitionsInSet()).isZero();
    assertThat(c.currentExercise()).isEmpty();
    s.feed(c, gap, s.size(), events);
    assertThat(events).extracting(RepEvent::setNumber).containsExactly(1, 1, 2, 2);
    assertThat(events).extracting(RepEvent::indexInSet).containsExactly(1, 2, 1, 2);
  }

  @Test
  void anExerciseClassifierIsRefused() {
    ModelContract classifier = new ModelContract(1, "exercise-model", PHASES, Optional.empty(),
        RATE, 4, 1, List.of("gyro_x"), List.of(0.0), List.of(1.0),
        ModelContract.Output.PROBABILITIES, Map.of(), "test");
    assertThatThrownBy(() -> new PhaseRepCounter(new ScriptedPhaseModel(), classifier, EXERCISES,
        PhaseRepCounter.Settings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exercise-model is an exercise model, not a repetition-phase model");
  }
}
