package org.imucompanion.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The module boundaries of IMU Companion as ArchUnit rules, kept in one place so the same rule
 * objects are run both against the real modules ({@link ArchitectureTest}) and against
 * deliberately violating fixtures (which proves each rule can fail).
 *
 * <p>Rules allow an empty selection (so each can also be run against a single fixture class);
 * {@link ArchitectureTest} separately checks that every module's classes are imported, so a rule
 * cannot pass merely because it saw nothing.
 */
final class ModuleBoundaries {
  static final String APP = "org.imucompanion.app..";
  static final String PROTOCOL = "org.imucompanion.protocol..";
  static final String BLE = "org.imucompanion.ble..";
  static final String MODELS = "org.imucompanion.models..";

  private ModuleBoundaries() {}

  /** JavaFX and ChartFX are the dashboard's business only. */
  static final ArchRule ONLY_APP_USES_JAVAFX =
      noClasses()
          .that()
          .resideOutsideOfPackage(APP)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..", "io.fair_acc..", "com.sun.javafx..")
          .because("only the app module may see JavaFX or ChartFX")
          .allowEmptyShould(true);

  /** D-Bus and bluez-dbus stay behind ble-driver's transport interface. */
  static final ArchRule ONLY_BLE_DRIVER_USES_DBUS =
      noClasses()
          .that()
          .resideOutsideOfPackage(BLE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.freedesktop.dbus..", "com.github.hypfvieh..")
          .because("only ble-driver may talk to D-Bus / BlueZ")
          .allowEmptyShould(true);

  /** ONNX Runtime is wrapped by the models module. */
  static final ArchRule ONLY_MODELS_USES_ONNX_RUNTIME =
      noClasses()
          .that()
          .resideOutsideOfPackage(MODELS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("ai.onnxruntime..")
          .because("only models may hold ONNX Runtime sessions")
          .allowEmptyShould(true);

  /** The wire formats are pure JDK so firmware tools and every other module can reuse them. */
  static final ArchRule PROTOCOL_DEPENDS_ON_JDK_ONLY =
      classes()
          .that()
          .resideInAPackage(PROTOCOL)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", PROTOCOL)
          .because("firmware-protocol depends on nothing but the JDK")
          .allowEmptyShould(true);

  /** Models read sample streams from anywhere, so they must not know where BLE samples come from. */
  static final ArchRule MODELS_NEVER_USE_BLE_DRIVER =
      noClasses()
          .that()
          .resideInAPackage(MODELS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(BLE)
          .because("models never imports ble-driver")
          .allowEmptyShould(true);

  /** Nothing below the app may reach up into it (the app is the only wiring). */
  static final ArchRule NOTHING_DEPENDS_ON_APP =
      noClasses()
          .that()
          .resideInAnyPackage(PROTOCOL, BLE, MODELS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(APP)
          .because("app is the top of the module graph")
          .allowEmptyShould(true);

  /** ble-driver and models are siblings: ble-driver must not reach into models either. */
  static final ArchRule BLE_DRIVER_NEVER_USES_MODELS =
      noClasses()
          .that()
          .resideInAPackage(BLE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(MODELS)
          .because("ble-driver and models only meet in the app")
          .allowEmptyShould(true);
}
