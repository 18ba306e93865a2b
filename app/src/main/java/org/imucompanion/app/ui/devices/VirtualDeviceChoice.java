package org.imucompanion.app.ui.devices;

/** The virtual devices a coach can add from the Devices view, without hardware. */
public enum VirtualDeviceChoice {
  /** Our protocol-v1 wristband, 50 Hz IMU. */
  WRISTBAND("Virtual wristband"),
  /** A Myo armband: IMU with its own orientation at 50 Hz, eight EMG channels at 200 Hz. */
  MYO("Virtual Myo"),
  /** The legacy Simblee wristband: polled about 3 times a second, not classified. */
  LEGACY("Virtual legacy wristband");

  private final String displayName;

  VirtualDeviceChoice(String displayName) {
    this.displayName = displayName;
  }

  /**
   * Returns what the menu shows, also the stem of the added device's name.
   *
   * @return e.g. "Virtual Myo"
   */
  public String displayName() {
    return displayName;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
