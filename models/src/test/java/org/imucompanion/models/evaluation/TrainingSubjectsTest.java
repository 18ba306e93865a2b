package org.imucompanion.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainingSubjectsTest {
  @Test
  void readsTheSubjectListsTrainPyWrites() {
    assertThat(TrainingSubjects.of("exermote windows; subjects [1, 2, 4]; 9000 training windows"))
        .containsExactlyInAnyOrder("1", "2", "4");
  }

  @Test
  void joinsTheListsOfTwoExports() {
    assertThat(TrainingSubjects.of("a; subjects [1, 2]; also b; subjects [3]"))
        .containsExactlyInAnyOrder("1", "2", "3");
  }

  @Test
  void aTextWithoutSubjectsNamesNone() {
    assertThat(TrainingSubjects.of("synthetic windows")).isEmpty();
  }
}
