package org.imucompanion.protocol.myo;

/**
 * An event of the Myo's built-in pose classifier (PROTOCOL.md §4.6). The armband sends a type byte
 * and a small payload whose meaning depends on the type.
 */
public sealed interface MyoClassifierEvent {
  /**
   * The armband recognised the sync gesture.
   *
   * @param arm 1 = right, 2 = left, 0xFF = unknown
   * @param xDirection 1 = x axis toward the wrist, 2 = toward the elbow, 0xFF = unknown
   */
  record ArmSynced(int arm, int xDirection) implements MyoClassifierEvent {}

  /** The armband lost sync (it was taken off or moved). */
  record ArmUnsynced() implements MyoClassifierEvent {}

  /**
   * A pose was recognised.
   *
   * @param pose 0 rest, 1 fist, 2 wave in, 3 wave out, 4 fingers spread, 5 double tap, 0xFFFF unknown
   */
  record Pose(int pose) implements MyoClassifierEvent {}

  /** The armband unlocked. */
  record Unlocked() implements MyoClassifierEvent {}

  /** The armband locked. */
  record Locked() implements MyoClassifierEvent {}

  /**
   * The sync gesture failed.
   *
   * @param result 1 = performed too hard
   */
  record SyncFailed(int result) implements MyoClassifierEvent {}
}
