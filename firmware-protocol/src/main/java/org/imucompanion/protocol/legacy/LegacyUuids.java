package org.imucompanion.protocol.legacy;

import java.util.UUID;

/** The GATT UUID of the legacy Simblee wristband (PROTOCOL.md §3). */
public final class LegacyUuids {
  /** The one characteristic that carries a sample: read, and notify where the firmware supports it. */
  public static final UUID DATA = UUID.fromString("2d30c082-f39f-4ce6-923f-3484ea480596");

  private LegacyUuids() {}
}
