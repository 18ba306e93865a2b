/**
 * What the dashboard and the device commands work with: the devices that are streaming (virtual,
 * real or replayed), each with the ring buffers its samples land in, its stream health and its
 * link state, readable from the FX thread without blocking.
 *
 * <p>Every live device enters through {@link org.imucompanion.app.workspace.DeviceFeed}: one
 * supervisor per device (reconnect with backoff, permanent failures reported), the kind recognised
 * from its GATT characteristics on each connection, and that kind's feed ({@code WristbandFeed},
 * {@code LegacyFeed}, {@code MyoFeed}) started again. {@link
 * org.imucompanion.app.workspace.DeviceRecording} and {@link
 * org.imucompanion.app.workspace.DeviceCapture} are the one way a device is recorded into the
 * session store and captured into a btsnoop file. Producers never touch JavaFX properties; views
 * poll once per frame.
 */
package org.imucompanion.app.workspace;
