package org.imucompanion.protocol.myo;

/**
 * The firmware version characteristic (PROTOCOL.md §4.5): four uint16.
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch version
 * @param hardwareRevision 1 = revision C, 2 = revision D
 */
public record MyoFirmwareVersion(int major, int minor, int patch, int hardwareRevision) {
  @Override
  public String toString() {
    return major + "." + minor + "." + patch + " (hw rev " + hardwareRevision + ")";
  }
}
