package org.imucompanion.app.cli;

/**
 * What each not-yet-wired command is waiting for, worded for users, kept in one place so the
 * messages stay consistent and are easy to delete as the parts land.
 */
final class MissingParts {
  static final String BLUEZ_TRANSPORT =
      "the BlueZ transport (ble-driver) is not in this build, so real devices cannot be reached";
  static final String VIRTUAL_DEVICES =
      "the in-process virtual devices (ble-driver) are not in this build";
  static final String CAPTURE_FILES = "btsnoop capture reading/writing (ble-driver) is not in this build";
  static final String SESSION_STORE = "the session store (models) is not in this build";
  static final String PIPELINE = "the streaming pipeline and classifier (models) are not in this build";
  static final String DATASET_READERS = "the dataset readers (models) are not in this build";
  static final String TRAINING_EXPORT =
      "the training-window export of the pipeline (models) is not in this build";

  private MissingParts() {}
}
