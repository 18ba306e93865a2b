package org.imucompanion.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imucompanion.models.classifier.ModelContract;
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

  private static ModelContract contract(String trainingData, List<String> subjects) {
    return new ModelContract(1, "m", List.of("A", "B"), Optional.empty(), 10, 4, 1,
        List.of("gyro_x"), List.of(0.0), List.of(1.0), ModelContract.Output.PROBABILITIES,
        Map.of(), trainingData, subjects, ModelContract.Task.EXERCISE, 0);
  }

  @Test
  void aContractsSubjectKeyWinsOverItsText() {
    assertThat(TrainingSubjects.of(contract("x; subjects [1, 2]", List.of("3", "4"))))
        .containsExactly("3", "4");
  }

  @Test
  void aContractWithoutTheKeyIsReadFromItsText() {
    assertThat(TrainingSubjects.of(contract("x; subjects [1, 2]", List.of())))
        .containsExactly("1", "2");
    assertThat(TrainingSubjects.of(contract("synthetic", List.of()))).isEmpty();
  }
}
