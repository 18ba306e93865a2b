/**
 * Captures: raw notifications written to disk as they came off the link, and read back.
 *
 * <p>The file is btsnoop in the Linux monitor flavour (datalink 2001), the format {@code btmon -w}
 * writes, so Wireshark and tshark open it and show each notification as an ATT Handle Value
 * Notification with its handle and value, from the device whose address an LE Connection Complete
 * event named. What btsnoop cannot hold (which characteristic UUID a handle is, device names and
 * kinds, values read at connect such as a wristband's configuration) goes in a small properties
 * sidecar beside it. {@link org.imucompanion.ble.capture.CaptureWriter} writes both; {@link
 * org.imucompanion.ble.capture.CaptureReader} returns exactly the records written; {@link
 * org.imucompanion.ble.capture.CaptureReplay} plays a capture back as a {@link
 * org.imucompanion.ble.BleTransport}, at the recorded pace or as fast as possible, so a capture
 * goes through the same decoding path as a live device.
 */
package org.imucompanion.ble.capture;
