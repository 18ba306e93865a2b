package org.imucompanion.models.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imucompanion.models.Channels;
import org.imucompanion.models.classifier.ModelLoadException.Reason;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.junit.jupiter.api.Test;

class ModelContractTest {
  private static final List<String> CHANNELS =
      List.of("gravity_x", "gravity_y", "gravity_z", "gyro_x", "gyro_y", "gyro_z");
  /** The streaming pipeline's settings for the valid contract: 10 Hz, window 20, hop 5. */
  private static final PipelineSettings PIPELINE =
      new PipelineSettings(10, 10, 3, 4, 20, 90, 2, 5, 0.1, 0.5, 20, 5, CHANNELS);

  private static Map<String, String> validMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("imu.contract_version", "1");
    m.put("imu.model_version", "exermote-cnn-lstm-1");
    m.put("imu.classes", "Burpee,Squat,Situp,Rest");
    m.put("imu.rest_class", "Rest");
    m.put("imu.sample_rate_hz", "10.0");
    m.put("imu.window", "20");
    m.put("imu.hop", "5");
    m.put("imu.channels", "gravity_x,gravity_y,gravity_z,gyro_x,gyro_y,gyro_z");
    m.put("imu.norm_mean", "0.1,-0.7,0.2,0.01,-0.02,0.03");
    m.put("imu.norm_std", "0.3,0.25,0.4,1.2,0.9,1.5");
    m.put("imu.output", "probabilities");
    m.put("imu.training_data", "Exermote individuals 1-4");
    PIPELINE.toMetadata().forEach((k, v) -> m.put("imu.pipeline." + k, v));
    m.put("producer", "pytorch"); // foreign keys are ignored
    return m;
  }

  private static ModelContract valid() throws ModelLoadException {
    return ModelContract.fromMetadata(validMetadata());
  }

  @Test
  void readsEveryFieldFromMetadata() throws Exception {
    ModelContract c = valid();
    assertThat(c.contractVersion()).isEqualTo(1);
    assertThat(c.modelVersion()).isEqualTo("exermote-cnn-lstm-1");
    assertThat(c.classNames()).containsExactly("Burpee", "Squat", "Situp", "Rest");
    assertThat(c.restClass()).contains("Rest");
    assertThat(c.restClassIndex()).hasValue(3);
    assertThat(c.sampleRateHz()).isEqualTo(10.0);
    assertThat(c.windowLength()).isEqualTo(20);
    assertThat(c.hop()).isEqualTo(5);
    assertThat(c.hopSeconds()).isEqualTo(0.5);
    assertThat(c.channels()).containsExactly(
        "gravity_x", "gravity_y", "gravity_z", "gyro_x", "gyro_y", "gyro_z");
    assertThat(c.layout().indexOf("gyro_x")).hasValue(3);
    assertThat(c.channelMean()).containsExactly(0.1, -0.7, 0.2, 0.01, -0.02, 0.03);
    assertThat(c.channelStd()).containsExactly(0.3, 0.25, 0.4, 1.2, 0.9, 1.5);
    assertThat(c.output()).isEqualTo(ModelContract.Output.PROBABILITIES);
    assertThat(c.pipelineSettings()).isEqualTo(PIPELINE.toMetadata());
    assertThat(c.trainingData()).isEqualTo("Exermote individuals 1-4");
  }

  @Test
  void contractIsFrozen() throws Exception {
    List<String> classes = new ArrayList<>(List.of("A", "B"));
    ModelContract c = new ModelContract(1, "v", classes, Optional.empty(), 10, 4, 1,
        List.of("gyro_x"), List.of(0.0), List.of(1.0), ModelContract.Output.LOGITS, Map.of(), "");
    classes.add("C");
    assertThat(c.classNames()).containsExactly("A", "B");
    assertThatThrownBy(() -> c.channels().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.pipelineSettings().put("k", "v"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void trainingSubjectsAreReadAndWrittenBack() throws Exception {
    Map<String, String> m = validMetadata();
    m.put("imu.training.subjects", "1,2,4");
    ModelContract c = ModelContract.fromMetadata(m);
    assertThat(c.trainingSubjects()).containsExactly("1", "2", "4");
    assertThat(c.toMetadata()).containsEntry("imu.training.subjects", "1,2,4");
    assertThat(ModelContract.fromMetadata(c.toMetadata())).isEqualTo(c);
  }

  @Test
  void aContractWithoutTrainingSubjectsSaysNone() throws Exception {
    ModelContract c = valid();
    assertThat(c.trainingSubjects()).isEmpty();
    assertThat(c.toMetadata()).doesNotContainKey("imu.training.subjects");
  }

  @Test
  void duplicateTrainingSubjectIsRefused() {
    Map<String, String> m = validMetadata();
    m.put("imu.training.subjects", "1,2,1");
    assertRefused(m, Reason.INVALID_CONTRACT, "duplicate training subject name 1");
  }

  @Test
  void noContractKeysAtAllIsMissingContract() {
    assertThatThrownBy(() -> ModelContract.fromMetadata(Map.of("producer", "pytorch")))
        .isInstanceOf(ModelLoadException.class)
        .satisfies(e -> assertThat(((ModelLoadException) e).reason()).isEqualTo(Reason.MISSING_CONTRACT))
        .hasMessageContaining("carries no contract");
  }

  @Test
  void missingKeyIsNamed() {
    Map<String, String> m = validMetadata();
    m.remove("imu.hop");
    assertRefused(m, Reason.INVALID_CONTRACT, "contract is missing key imu.hop");
  }

  @Test
  void malformedNumberIsNamedWithItsValue() {
    Map<String, String> m = validMetadata();
    m.put("imu.sample_rate_hz", "ten");
    assertRefused(m, Reason.INVALID_CONTRACT, "imu.sample_rate_hz should be a number, got 'ten'");
  }

  @Test
  void normalizationMustCoverEveryChannel() {
    Map<String, String> m = validMetadata();
    m.put("imu.norm_std", "0.3,0.25,0.4,1.2,0.9");
    assertRefused(m, Reason.INVALID_CONTRACT,
        "contract lists 6 channels but 5 normalization standard deviations");
  }

  @Test
  void zeroStdIsRefused() {
    Map<String, String> m = validMetadata();
    m.put("imu.norm_std", "0.3,0.25,0.4,0,0.9,1.5");
    assertRefused(m, Reason.INVALID_CONTRACT, "normalization std of gyro_x must be finite and > 0");
  }

  @Test
  void restClassMustBeAClass() {
    Map<String, String> m = validMetadata();
    m.put("imu.rest_class", "Break");
    assertRefused(m, Reason.INVALID_CONTRACT, "rest class Break is not one of the classes");
  }

  @Test
  void duplicateChannelIsRefused() {
    Map<String, String> m = validMetadata();
    m.put("imu.channels", "gravity_x,gravity_y,gravity_z,gyro_x,gyro_x,gyro_z");
    assertRefused(m, Reason.INVALID_CONTRACT, "duplicate channel name gyro_x");
  }

  @Test
  void unknownContractVersionIsRefused() {
    Map<String, String> m = validMetadata();
    m.put("imu.contract_version", "2");
    assertRefused(m, Reason.INVALID_CONTRACT, "contract version 2 is not supported");
  }

  @Test
  void unknownOutputKindIsRefused() {
    Map<String, String> m = validMetadata();
    m.put("imu.output", "softmax");
    assertRefused(m, Reason.INVALID_CONTRACT, "imu.output should be 'probabilities' or 'logits'");
  }

  @Test
  void aLabelDelayOfZeroIsAccepted() throws Exception {
    Map<String, String> m = validMetadata();
    m.put("imu.label_delay_s", "0.0");
    assertThat(ModelContract.fromMetadata(m)).isEqualTo(ModelContract.fromMetadata(validMetadata()));
  }

  @Test
  void aLookAheadModelIsRefusedWithItsDelay() {
    Map<String, String> m = validMetadata();
    m.put("imu.label_delay_s", "0.5");
    assertRefused(m, Reason.UNSUPPORTED_LABEL_DELAY,
        "model labels the moment 0.5 s before its window's last sample (imu.label_delay_s = 0.5");
  }

  @Test
  void aMalformedLabelDelayIsNamedWithItsValue() {
    for (String bad : new String[] {"-0.5", "NaN", "Infinity", "soon"}) {
      Map<String, String> m = validMetadata();
      m.put("imu.label_delay_s", bad);
      assertRefused(m, Reason.INVALID_CONTRACT,
          "contract key imu.label_delay_s should be a number");
    }
  }

  private static Map<String, String> phaseMetadata() {
    Map<String, String> m = validMetadata();
    m.put("imu.task", "repetition_phase");
    m.put("imu.classes", "none,firstHalf,secondHalf,pause");
    m.remove("imu.rest_class");
    m.put("imu.hop", "1");
    m.put("imu.pipeline.hop", "1");
    m.put("imu.label_delay_s", "0.3");
    return m;
  }

  @Test
  void aContractWithoutTaskIsAnExerciseClassifier() throws Exception {
    ModelContract c = valid();
    assertThat(c.task()).isEqualTo(ModelContract.Task.EXERCISE);
    assertThat(c.labelDelaySeconds()).isZero();
    assertThat(c.toMetadata()).containsEntry("imu.task", "exercise")
        .doesNotContainKey("imu.label_delay_s");
  }

  @Test
  void aRepetitionPhaseModelMayLookAheadAndIsWrittenBack() throws Exception {
    ModelContract c = ModelContract.fromMetadata(phaseMetadata());
    assertThat(c.task()).isEqualTo(ModelContract.Task.REPETITION_PHASE);
    assertThat(c.labelDelaySeconds()).isEqualTo(0.3);
    assertThat(c.toMetadata()).containsEntry("imu.task", "repetition_phase")
        .containsEntry("imu.label_delay_s", "0.3");
    assertThat(ModelContract.fromMetadata(c.toMetadata())).isEqualTo(c);
  }

  @Test
  void aRepetitionPhaseModelNeedsBothHalves() {
    Map<String, String> m = phaseMetadata();
    m.put("imu.classes", "none,firstHalf,pause");
    assertRefused(m, Reason.INVALID_CONTRACT,
        "a repetition-phase model needs a class secondHalf, its classes are [none, firstHalf,"
            + " pause]");
  }

  @Test
  void aPhaseModelMustBeFedTheClassifiersPipelineHopAside() throws Exception {
    ModelContract classifier = valid();
    ModelContract phase = ModelContract.fromMetadata(phaseMetadata());
    phase.requireSameInput(classifier);
    Map<String, String> other = phaseMetadata();
    other.put("imu.pipeline.low_pass_hz", "4.0");
    other.put("imu.sample_rate_hz", "20.0");
    other.put("imu.pipeline.target_rate_hz", "20.0");
    assertThatThrownBy(() -> ModelContract.fromMetadata(other).requireSameInput(classifier))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sample rate 20.0 vs 10.0 Hz; pipeline.low_pass_hz 4.0 vs 3.0;"
            + " pipeline.target_rate_hz 20.0 vs 10.0");
  }

  @Test
  void anUnknownTaskIsNamedWithItsValue() {
    Map<String, String> m = validMetadata();
    m.put("imu.task", "reps");
    assertRefused(m, Reason.INVALID_CONTRACT,
        "contract key imu.task should be 'exercise' or 'repetition_phase', got 'reps'");
  }

  @Test
  void aSampleRateOutsideTheBoundsIsRefusedWithThem() {
    for (String rate : List.of("1e9", "0.5", "NaN", "Infinity", "-10")) {
      Map<String, String> m = validMetadata();
      m.put("imu.sample_rate_hz", rate);
      assertRefusedExactly(m, "invalid contract: imu.sample_rate_hz is " + Double.parseDouble(rate)
          + " Hz, outside the 1 to 2000 Hz this build runs");
    }
  }

  @Test
  void aWindowOutsideTwoSamplesToSixtySecondsIsRefused() {
    for (String window : List.of("2000000000", "601", "1", "0", "-3")) {
      Map<String, String> m = validMetadata();
      m.put("imu.window", window);
      m.put("imu.pipeline.window", window);
      assertRefusedExactly(m, "invalid contract: imu.window is " + window
          + " samples, outside 2 to 600 (60 s at 10 Hz)");
    }
    Map<String, String> longest = validMetadata();
    longest.put("imu.window", "600");
    longest.put("imu.pipeline.window", "600");
    assertThat(assertLoads(longest).windowLength()).isEqualTo(ModelContract.maxWindow(10));
  }

  @Test
  void aHopOutsideOneToTheWindowIsRefused() {
    for (String hop : List.of("0", "21")) {
      Map<String, String> m = validMetadata();
      m.put("imu.hop", hop);
      m.put("imu.pipeline.hop", hop);
      assertRefusedExactly(m, "invalid contract: imu.hop is " + hop
          + " samples, outside 1 to the window's 20");
    }
  }

  @Test
  void aChannelThePipelineDoesNotKnowIsRefused() {
    Map<String, String> m = validMetadata();
    m.put("imu.channels", "gravity_x,gravity_y,gravity_z,gyro_x,gyro_y,gyro_w");
    assertRefusedExactly(m, "invalid contract: imu.channels lists channel 'gyro_w', which the"
        + " pipeline does not know; known channels are " + new java.util.TreeSet<>(Channels.ALL));
  }

  @Test
  void aSingleClassIsRefused() {
    Map<String, String> m = validMetadata();
    m.put("imu.classes", "Squat");
    m.remove("imu.rest_class");
    assertRefusedExactly(m, "invalid contract: a classifier needs at least 2 classes, contract"
        + " lists 1");
  }

  @Test
  void normalizationMustBeFiniteWithAPositiveScale() {
    Map<String, String> m = validMetadata();
    m.put("imu.norm_mean", "0.1,-0.7,NaN,0.01,-0.02,0.03");
    assertRefusedExactly(m, "invalid contract: normalization mean of gravity_z is not finite: NaN");
    m = validMetadata();
    m.put("imu.norm_std", "0.3,0.25,0.4,1.2,-0.9,1.5");
    assertRefusedExactly(m, "invalid contract: normalization std of gyro_y must be finite and > 0,"
        + " got -0.9");
    m.put("imu.norm_std", "0.3,0.25,0.4,1.2,Infinity,1.5");
    assertRefusedExactly(m, "invalid contract: normalization std of gyro_y must be finite and > 0,"
        + " got Infinity");
  }

  @Test
  void aLowPassAboveNyquistIsTheModelsFaultAtLoad() {
    Map<String, String> m = validMetadata();
    m.put("imu.pipeline.low_pass_hz", "6.0");
    assertRefusedExactly(m, "invalid contract: pipeline settings (imu.pipeline.*): low_pass_hz 6.0"
        + " must be below half of both the input and the target rate");
  }

  @Test
  void pipelineSettingsMustBeThePipelinesOwnAndAgreeWithTheContract() {
    Map<String, String> m = validMetadata();
    m.keySet().removeIf(k -> k.startsWith("imu.pipeline."));
    m.put("imu.pipeline.lowpass.cutoff_hz", "3.0");
    assertRefusedExactly(m, "invalid contract: pipeline settings (imu.pipeline.*): pipeline"
        + " setting 'format_version' is missing");

    m = validMetadata();
    m.put("imu.pipeline.target_rate_hz", "20.0");
    m.put("imu.pipeline.window", "40");
    m.put("imu.pipeline.hop", "4");
    m.put("imu.pipeline.channels", "gyro_x,gyro_y,gyro_z");
    m.put("imu.pipeline.input_rate_hz", "1e9");
    assertRefusedExactly(m, "invalid contract: imu.pipeline.input_rate_hz is 1.0E9 Hz, outside the"
        + " 1 to 2000 Hz this build runs; imu.pipeline.target_rate_hz 20.0 differs from"
        + " imu.sample_rate_hz 10.0; imu.pipeline.window 40 differs from imu.window 20;"
        + " imu.pipeline.hop 4 differs from imu.hop 5; imu.pipeline.channels [gyro_x, gyro_y,"
        + " gyro_z] differ from imu.channels [gravity_x, gravity_y, gravity_z, gyro_x, gyro_y,"
        + " gyro_z]");
  }

  private static ModelContract assertLoads(Map<String, String> m) {
    try {
      return ModelContract.fromMetadata(m);
    } catch (ModelLoadException e) {
      throw new AssertionError("refused: " + e.getMessage(), e);
    }
  }

  private static void assertRefusedExactly(Map<String, String> m, String message) {
    Map<String, String> before = Map.copyOf(m);
    assertThatThrownBy(() -> ModelContract.fromMetadata(m))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((ModelLoadException) e).reason())
            .isEqualTo(Reason.INVALID_CONTRACT));
    assertThat(m).as("metadata read, not changed").isEqualTo(before);
  }

  private static void assertRefused(Map<String, String> m, Reason reason, String message) {
    assertThatThrownBy(() -> ModelContract.fromMetadata(m))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((ModelLoadException) e).reason()).isEqualTo(reason));
  }

  @Test
  void shapesThatAgreeAreAccepted() throws Exception {
    valid().checkShapes(new long[] {-1, 20, 6}, new long[] {-1, 4});
    valid().checkShapes(new long[] {1, 20, 6}, new long[] {1, 4});
    valid().checkShapes(new long[] {-1, -1, 6}, new long[] {-1, -1});
  }

  @Test
  void channelCountMismatchSaysBothNumbers() throws Exception {
    assertShapeRefused(new long[] {-1, 20, 9}, new long[] {-1, 4},
        "model expects 9 channels, contract lists 6");
  }

  @Test
  void windowMismatchSaysBothNumbers() throws Exception {
    assertShapeRefused(new long[] {-1, 30, 6}, new long[] {-1, 4},
        "model expects windows of 30 samples, contract says 20");
  }

  @Test
  void classCountMismatchSaysBothNumbers() throws Exception {
    assertShapeRefused(new long[] {-1, 20, 6}, new long[] {-1, 5},
        "model returns 5 classes, contract lists 4");
  }

  @Test
  void wrongRankIsRefused() throws Exception {
    assertShapeRefused(new long[] {-1, 120}, new long[] {-1, 4},
        "model input has shape [-1, 120], expected [batch, window=20, channels=6]");
  }

  @Test
  void fixedBatchAboveOneIsRefused() throws Exception {
    assertShapeRefused(new long[] {8, 20, 6}, new long[] {8, 4},
        "batch dimension is fixed at 8");
  }

  private static void assertShapeRefused(long[] in, long[] out, String message) throws Exception {
    ModelContract c = valid();
    assertThatThrownBy(() -> c.checkShapes(in, out))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((ModelLoadException) e).reason()).isEqualTo(Reason.SHAPE_MISMATCH));
  }

  @Test
  void channelsThePipelineCannotProduceAreListed() throws Exception {
    ModelContract c = valid();
    c.checkChannelsAvailable(Channels.ALL);
    assertThatThrownBy(() -> c.checkChannelsAvailable(Set.of("gyro_x", "gyro_y", "gyro_z")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model needs channels gravity_x, gravity_y, gravity_z which the"
            + " pipeline cannot produce (it can produce: gyro_x, gyro_y, gyro_z)")
        .satisfies(e -> assertThat(((ModelLoadException) e).reason())
            .isEqualTo(Reason.UNSUPPORTED_CHANNELS));
  }

  @Property
  void metadataRoundTrips(@ForAll("contracts") ModelContract c) throws Exception {
    assertThat(ModelContract.fromMetadata(c.toMetadata())).isEqualTo(c);
  }

  @Provide
  Arbitrary<ModelContract> contracts() {
    Arbitrary<List<String>> classes =
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).list().ofMinSize(2)
            .ofMaxSize(8).uniqueElements();
    Arbitrary<List<String>> channels =
        Arbitraries.of(List.copyOf(Channels.ALL)).list().ofMinSize(1).ofMaxSize(12)
            .uniqueElements();
    Arbitrary<Double> anyDouble = Arbitraries.doubles().between(-1e6, 1e6).ofScale(12);
    Arbitrary<Double> positive = Arbitraries.doubles().between(1e-9, 1e6).ofScale(12);
    return Combinators.combine(classes, channels, Arbitraries.integers().between(2, 400),
            Arbitraries.doubles().between(ModelContract.MIN_SAMPLE_RATE_HZ,
                ModelContract.MAX_SAMPLE_RATE_HZ).ofScale(6),
            Arbitraries.of(ModelContract.Output.values()),
            Arbitraries.strings().ofMaxLength(30), Arbitraries.integers().between(-1, 7))
        .flatAs((cls, ch, anyWindow, rate, out, desc, rest) ->
            Combinators.combine(anyDouble.list().ofSize(ch.size()),
                    positive.list().ofSize(ch.size()))
                .as((mean, std) -> {
                  int window = Math.min(anyWindow, ModelContract.maxWindow(rate));
                  int hop = Math.max(1, window / 2);
                  Map<String, String> settings = new PipelineSettings(rate, rate, 0, 4, 20, 90,
                      2, 5, 0.1, 0.5, window, hop, ch).toMetadata();
                  return new ModelContract(1, "v" + window, cls,
                      rest >= 0 && rest < cls.size() ? Optional.of(cls.get(rest)) : Optional.empty(),
                      rate, window, hop, ch, mean, std, out, settings, desc);
                }));
  }
}
