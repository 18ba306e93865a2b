package org.imucompanion.protocol.legacy;

import java.util.UUID;

/** The GATT UUIDs of the legacy Simblee wristband (PROTOCOL.md §3). */
public final class LegacyUuids {
  /** The one characteristic that carries a sample: read, and notify where the firmware supports it. */
  public static final UUID DATA = UUID.fromString("2d30c082-f39f-4ce6-923f-3484ea480596");

  /**
   * The service a Simblee module advertises and puts the characteristic in (RF Digital's 16-bit
   * UUID 0xFE84). Every Simblee advertises it, so it only suggests a legacy wristband; the data
   * characteristic confirms one after connecting.
   */
  public static final UUID SIMBLEE_SERVICE = UUID.fromString("0000fe84-0000-1000-8000-00805f9b34fb");

  private LegacyUuids() {}
}
