package org.imucompanion.ble;

import java.util.List;

/** A running scan. Closing it stops discovery; no event is delivered after close returns. */
public interface ScanSession extends AutoCloseable {

  /**
   * Returns the matching devices currently known to this scan.
   *
   * @return a snapshot, in no particular order
   */
  List<DiscoveredDevice> devices();

  /** Stops the scan; idempotent, never throws. */
  @Override
  void close();
}
