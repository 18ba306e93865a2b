package org.imucompanion.app.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version written into the jar's manifest by the build. */
public final class BuildVersion implements IVersionProvider {

  /** Creates the provider (picocli instantiates it). */
  public BuildVersion() {}

  @Override
  public String[] getVersion() {
    String version = BuildVersion.class.getPackage().getImplementationVersion();
    return new String[] {
      "imu-companion " + (version == null ? "(development build, not from a jar)" : version),
      "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
    };
  }
}
