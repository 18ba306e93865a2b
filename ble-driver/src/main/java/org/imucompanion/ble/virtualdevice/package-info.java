/**
 * In-process virtual devices: a {@link org.imucompanion.ble.BleTransport} ({@link
 * org.imucompanion.ble.virtualdevice.VirtualTransport}) whose peripherals are Java objects, for the
 * demo mode, for tests of everything above the transport and for load tests with many devices.
 *
 * <p>The virtual wristband v1, legacy Simblee wristband and Myo armband speak their real protocols
 * (encoded with the firmware-protocol encoders, at the configured rate and batch) and play a {@link
 * org.imucompanion.ble.virtualdevice.MotionSource}: a synthetic workout, or a recording played back by
 * {@link org.imucompanion.ble.virtualdevice.RecordedMotion} (converted from a dataset by the caller;
 * this module reads no datasets). {@link
 * org.imucompanion.ble.virtualdevice.LinkFaults} injects drops, duplicates, reordering, corruption,
 * stalls, disconnects and refused connections on command, so stream health and reconnect
 * supervision can be seen working.
 */
package org.imucompanion.ble.virtualdevice;
