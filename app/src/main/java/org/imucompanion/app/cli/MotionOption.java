package org.imucompanion.app.cli;

import org.imucompanion.app.athlete.MotionChoice;
import org.imucompanion.ble.virtualdevice.MotionSource;
import picocli.CommandLine.Option;

/**
 * {@code --motion}: what a built-in virtual device performs (see {@link MotionChoice}). Kept in
 * this one class so every command that opens a virtual device offers the same choice.
 */
final class MotionOption {
  @Option(
      names = "--motion",
      paramLabel = "<motion>",
      defaultValue = MotionChoice.DEFAULT,
      description =
          "What a virtual device performs: athlete (default; a workout synthesized from templates"
              + " of real recordings), athlete:SEED, sine, or dataset:DIR:FORMAT:SUBJECT:SESSION"
              + " (one session of a dataset, e.g. dataset:../shared/datasets/exermote:exermote:1:"
              + " for subject 1's first session).")
  String motion = MotionChoice.DEFAULT;

  /**
   * Makes the chosen motion.
   *
   * @return the motion
   * @throws CommandFailedException saying what is wrong with the value
   */
  MotionSource source() {
    try {
      return MotionChoice.parse(motion);
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException("--motion " + motion + ": " + e.getMessage(), e);
    }
  }
}
