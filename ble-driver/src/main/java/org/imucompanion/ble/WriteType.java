package org.imucompanion.ble;

/** How a value is written to a characteristic. */
public enum WriteType {
  /** ATT Write Request: the device acknowledges, errors come back. */
  WITH_RESPONSE,
  /** ATT Write Command: no acknowledgement; faster, and what streaming controls often expect. */
  WITHOUT_RESPONSE
}
