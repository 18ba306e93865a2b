/**
 * The legacy Simblee wristband's format (PROTOCOL.md §3): one 9-axis sample per 32-byte value,
 * the format behind the MPU9250 wristband dataset.
 */
package org.imucompanion.protocol.legacy;
