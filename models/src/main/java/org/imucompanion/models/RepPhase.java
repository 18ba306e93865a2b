package org.imucompanion.models;

/**
 * Which half of a repetition a sample belongs to. The Exermote recordings label every repetition
 * as a {@code firstHalf} run followed by a {@code secondHalf} run; that is the ground truth for
 * rep counting. The numeric codes are part of the window export format ({@code y_phase}).
 */
public enum RepPhase {
  /** Not inside a repetition (rest, or a dataset without phase labels). */
  NONE(0, "none"),
  /** First half of a repetition (Exermote {@code firstHalf}). */
  FIRST_HALF(1, "firstHalf"),
  /** Second half of a repetition (Exermote {@code secondHalf}). */
  SECOND_HALF(2, "secondHalf");

  private static final RepPhase[] BY_CODE = values();

  private final int code;
  private final String className;

  RepPhase(int code, String className) {
    this.code = code;
    this.className = className;
  }

  /**
   * The name of this phase's class in the window export's {@code y_phase} table and in a
   * repetition-phase model's contract.
   *
   * @return {@code none}, {@code firstHalf} or {@code secondHalf}
   */
  public String className() {
    return className;
  }

  /**
   * The stable numeric code written to exports.
   *
   * @return 0, 1 or 2
   */
  public int code() {
    return code;
  }

  /**
   * The phase with a code.
   *
   * @param code 0, 1 or 2
   * @return the phase
   * @throws IllegalArgumentException for any other code
   */
  public static RepPhase ofCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException("no rep phase with code " + code);
    }
    return BY_CODE[code];
  }
}
