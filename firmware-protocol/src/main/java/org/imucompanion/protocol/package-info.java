/**
 * Wire formats of the devices IMU Companion speaks, as pure functions from bytes to immutable
 * records in SI units and back. This package holds what all formats share: the checked {@link
 * org.imucompanion.protocol.ProtocolException} and the value types. The formats themselves are
 * specified in {@code firmware-protocol/PROTOCOL.md}; this module depends on nothing but the JDK.
 */
package org.imucompanion.protocol;
