package org.imucompanion.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.imucompanion.models.reps.RepEvent;
import org.junit.jupiter.api.Test;

/** The set history the Live view shows, built from the rep counter's events. */
class SetHistoryTest {

  @Test
  void repetitionsOfOneSetUpdateOneEntryWithCountAndDuration() {
    SetHistory history = new SetHistory();
    assertThat(history.sets()).isEmpty();
    long v0 = history.version();

    history.accept(new RepEvent(10.0, "Squat", 1, 1, 0.9));
    assertThat(history.sets()).containsExactly(new SetSummary(1, "Squat", 1, 0));
    history.accept(new RepEvent(12.0, "Squat", 1, 2, 0.9));
    history.accept(new RepEvent(14.0, "Squat", 1, 3, 0.9));

    assertThat(history.sets()).hasSize(1);
    SetSummary set = history.sets().get(0);
    assertThat(set.exercise()).isEqualTo("Squat");
    assertThat(set.repetitions()).isEqualTo(3);
    // Three repetitions 2 s apart: 4 s between the first and last completion, plus the first's 2 s.
    assertThat(set.durationSeconds()).isCloseTo(6.0, within(1e-9));
    assertThat(history.version()).isEqualTo(v0 + 3);
  }

  @Test
  void aNewSetNumberStartsANewEntryAndEarlierSetsStay() {
    SetHistory history = new SetHistory();
    history.accept(new RepEvent(1.0, "Squat", 1, 1, 0.8));
    history.accept(new RepEvent(3.0, "Squat", 1, 2, 0.8));
    history.accept(new RepEvent(40.0, "Situp", 2, 1, 0.7));
    history.accept(new RepEvent(43.0, "Situp", 2, 2, 0.7));
    history.accept(new RepEvent(46.0, "Situp", 2, 3, 0.7));

    assertThat(history.sets())
        .extracting(SetSummary::setNumber, SetSummary::exercise, SetSummary::repetitions)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "Squat", 2),
            org.assertj.core.groups.Tuple.tuple(2, "Situp", 3));
    assertThat(history.sets().get(0).durationSeconds()).isCloseTo(4.0, within(1e-9));
    assertThat(history.sets().get(1).durationSeconds()).isCloseTo(9.0, within(1e-9));
  }
}
