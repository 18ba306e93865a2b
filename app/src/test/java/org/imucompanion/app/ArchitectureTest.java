package org.imucompanion.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Stream;
import org.imucompanion.app.archfixture.AppClassHoldingOnnxSession;
import org.imucompanion.ble.archfixture.BleClassDrawingAChart;
import org.imucompanion.ble.archfixture.BleClassReadingModels;
import org.imucompanion.models.archfixture.ModelsClassOpeningTheBus;
import org.imucompanion.models.archfixture.ModelsClassReachingIntoBle;
import org.imucompanion.models.archfixture.ModelsClassUsingJavaFx;
import org.imucompanion.protocol.archfixture.CleanProtocolRecord;
import org.imucompanion.protocol.archfixture.ProtocolClassReachingIntoApp;
import org.imucompanion.protocol.archfixture.ProtocolClassThatLogs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the module boundaries against the production classes of all four modules, and proves
 * that every rule can fail by running it against a class written to break it.
 */
class ArchitectureTest {

  /**
   * Test code is excluded: test fixtures legitimately use other libraries (Jackson for test
   * vectors, deliberately violating classes below). Test classes come from target/test-classes
   * inside this reactor and from {@code *-tests.jar} when a module is taken from the repository.
   */
  private static final ImportOption PRODUCTION_CODE_ONLY =
      location ->
          ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
              && !location.contains("-tests.jar");

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(PRODUCTION_CODE_ONLY)
            .importPackages("org.imucompanion");
  }

  static Stream<ArchRule> allRules() {
    return Stream.of(
        ModuleBoundaries.ONLY_APP_USES_JAVAFX,
        ModuleBoundaries.ONLY_BLE_DRIVER_USES_DBUS,
        ModuleBoundaries.ONLY_MODELS_USES_ONNX_RUNTIME,
        ModuleBoundaries.PROTOCOL_DEPENDS_ON_JDK_ONLY,
        ModuleBoundaries.MODELS_NEVER_USE_BLE_DRIVER,
        ModuleBoundaries.NOTHING_DEPENDS_ON_APP,
        ModuleBoundaries.BLE_DRIVER_NEVER_USES_MODELS);
  }

  @ParameterizedTest
  @MethodSource("allRules")
  void productionCodeKeepsTheModuleBoundaries(ArchRule rule) {
    rule.check(production);
  }

  /** The rules allow an empty selection; this makes sure none of them passed by seeing nothing. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "org.imucompanion.protocol",
        "org.imucompanion.ble",
        "org.imucompanion.models",
        "org.imucompanion.app"
      })
  void everyModuleIsActuallyImported(String basePackage) {
    assertThat(production.stream().filter(c -> c.getPackageName().startsWith(basePackage)).count())
        .as("classes imported from %s", basePackage)
        .isGreaterThan(5);
  }

  @Test
  void productionImportSeesTheAppAndNoTestFixtures() {
    assertThat(production.contain(Main.class.getName())).isTrue();
    assertThat(production.stream().map(c -> c.getPackageName()))
        .noneMatch(p -> p.endsWith(".archfixture"));
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of(ModuleBoundaries.ONLY_APP_USES_JAVAFX, ModelsClassUsingJavaFx.class, "javafx."),
        Arguments.of(ModuleBoundaries.ONLY_APP_USES_JAVAFX, BleClassDrawingAChart.class, "io.fair_acc."),
        Arguments.of(
            ModuleBoundaries.ONLY_BLE_DRIVER_USES_DBUS,
            ModelsClassOpeningTheBus.class,
            "org.freedesktop.dbus."),
        Arguments.of(
            ModuleBoundaries.ONLY_MODELS_USES_ONNX_RUNTIME,
            AppClassHoldingOnnxSession.class,
            "ai.onnxruntime."),
        Arguments.of(
            ModuleBoundaries.PROTOCOL_DEPENDS_ON_JDK_ONLY, ProtocolClassThatLogs.class, "org.slf4j."),
        Arguments.of(
            ModuleBoundaries.MODELS_NEVER_USE_BLE_DRIVER,
            ModelsClassReachingIntoBle.class,
            "org.imucompanion.ble."),
        Arguments.of(
            ModuleBoundaries.NOTHING_DEPENDS_ON_APP,
            ProtocolClassReachingIntoApp.class,
            "org.imucompanion.app."),
        Arguments.of(
            ModuleBoundaries.BLE_DRIVER_NEVER_USES_MODELS,
            BleClassReadingModels.class,
            "org.imucompanion.models."));
  }

  @ParameterizedTest
  @MethodSource("violations")
  void everyRuleCatchesADeliberateViolation(ArchRule rule, Class<?> violator, String forbidden) {
    JavaClasses fixture = new ClassFileImporter().importClasses(violator);

    EvaluationResult result = rule.evaluate(fixture);

    assertThat(result.hasViolation()).as("%s must be caught", violator.getSimpleName()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(line -> line.contains(violator.getName()) && line.contains(forbidden));
  }

  @Test
  void protocolRuleAcceptsAPlainJdkRecord() {
    // Guards against false positives: arrays, primitives, records and java.util are fine.
    JavaClasses fixture = new ClassFileImporter().importClasses(CleanProtocolRecord.class);

    assertThat(ModuleBoundaries.PROTOCOL_DEPENDS_ON_JDK_ONLY.evaluate(fixture).hasViolation())
        .isFalse();
  }
}
