package org.imucompanion.ble;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a GATT characteristic allows, as advertised by the device (BlueZ's {@code Flags}). */
public enum CharacteristicProperty {
  /** Readable. */
  READ,
  /** Writable with a response. */
  WRITE,
  /** Writable without a response (write command). */
  WRITE_WITHOUT_RESPONSE,
  /** Sends notifications. */
  NOTIFY,
  /** Sends indications. */
  INDICATE;

  /**
   * Returns the BlueZ flag string for this property ({@code "write-without-response"}).
   *
   * @return the flag as BlueZ spells it
   */
  public String bluezFlag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Maps one BlueZ flag string to a property.
   *
   * @param flag a flag such as {@code "notify"}
   * @return the property, or empty for flags we don't use (authenticated-signed-writes ...)
   */
  public static Optional<CharacteristicProperty> fromBluezFlag(String flag) {
    for (CharacteristicProperty p : values()) {
      if (p.bluezFlag().equals(flag)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Maps BlueZ flag strings to a set of properties, ignoring the flags we don't use.
   *
   * @param flags BlueZ's flag strings
   * @return the properties among them
   */
  public static Set<CharacteristicProperty> fromBluezFlags(Iterable<String> flags) {
    Set<CharacteristicProperty> out = EnumSet.noneOf(CharacteristicProperty.class);
    for (String f : flags) {
      fromBluezFlag(f).ifPresent(out::add);
    }
    return out;
  }
}
