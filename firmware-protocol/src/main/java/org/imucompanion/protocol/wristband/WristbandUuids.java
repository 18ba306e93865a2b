package org.imucompanion.protocol.wristband;

import java.util.UUID;

/** The GATT UUIDs of wristband protocol v1 (PROTOCOL.md §2.1). */
public final class WristbandUuids {
  /** The primary service. */
  public static final UUID SERVICE = UUID.fromString("0e5a0001-8c4b-4d9e-a1f3-7b2c6d5e4f30");

  /** Data characteristic: notify; one {@link WristbandDataPacket} per notification. */
  public static final UUID DATA = UUID.fromString("0e5a0002-8c4b-4d9e-a1f3-7b2c6d5e4f30");

  /** Config characteristic: read/write; one {@link WristbandConfig}. */
  public static final UUID CONFIG = UUID.fromString("0e5a0003-8c4b-4d9e-a1f3-7b2c6d5e4f30");

  /** Control characteristic: write; one {@link WristbandControl} command. */
  public static final UUID CONTROL = UUID.fromString("0e5a0004-8c4b-4d9e-a1f3-7b2c6d5e4f30");

  private WristbandUuids() {}
}
