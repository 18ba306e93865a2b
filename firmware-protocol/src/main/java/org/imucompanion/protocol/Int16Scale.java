package org.imucompanion.protocol;

/**
 * The scale of a sensor axis sent as a signed 16-bit integer: one least significant bit is {@code
 * unitsPerLsb} of the decoded unit.
 *
 * <p>Decoding multiplies; encoding divides, rounds to nearest and saturates at the int16 limits, as
 * the sensor itself does at the end of its range. Because decoding is a single multiplication,
 * {@code toUnits(toRaw(toUnits(r))) == toUnits(r)} for every raw value {@code r}.
 *
 * @param unitsPerLsb the value of one count in the decoded unit; finite and positive
 */
public record Int16Scale(double unitsPerLsb) {
  /**
   * Validates the scale.
   *
   * @param unitsPerLsb the value of one count in the decoded unit
   */
  public Int16Scale {
    if (!(unitsPerLsb > 0) || Double.isInfinite(unitsPerLsb)) {
      throw new IllegalArgumentException("unitsPerLsb must be finite and > 0: " + unitsPerLsb);
    }
  }

  /**
   * Converts a raw count to the decoded unit.
   *
   * @param raw the count
   * @return {@code raw * unitsPerLsb}
   */
  public double toUnits(int raw) {
    return raw * unitsPerLsb;
  }

  /**
   * Converts a value to the nearest count, saturating at the int16 limits.
   *
   * @param value the value in the decoded unit; NaN is a programming error
   * @return the count
   */
  public int toRaw(double value) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("NaN cannot be encoded");
    }
    long r = Math.round(value / unitsPerLsb);
    return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
  }
}
