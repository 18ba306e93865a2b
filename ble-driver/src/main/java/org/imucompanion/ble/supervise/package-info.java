/**
 * Reconnect supervision: keeps one device streaming across link losses.
 *
 * <p>On an unexpected disconnect the {@link org.imucompanion.ble.supervise.SupervisedDevice} closes
 * the dead connection (so its listeners can never fire again), reconnects with backoff, runs the
 * profile's start-up exactly once on the new connection, and reports the outage as a {@link
 * org.imucompanion.ble.supervise.StreamGap} so downstream code can mark it. Failures retrying
 * cannot mend (device gone, refused, not a device we stream, adapter off) end it with the reason
 * ({@link org.imucompanion.ble.supervise.ReconnectPolicy#isPermanent}). Each device has its own
 * supervisor; many run side by side on one transport. The app's {@code DeviceFeed} puts every
 * live device behind one.
 */
package org.imucompanion.ble.supervise;
