/**
 * Captures: raw notifications written to disk as they came off the link, and read back.
 *
 * <p>The file is btsnoop in the Linux monitor flavour (datalink 2001), the format {@code btmon -w}
 * writes, so Wireshark and tshark open it and show each notification as an ATT Handle Value
 * Notification with its handle, value and characteristic UUID, from the device whose address an
 * LE Connection Complete event named (a Find Information exchange per characteristic, written once
 * per device, tells Wireshark the UUIDs). What btsnoop cannot hold (device names and kinds, values
 * read at connect such as a wristband's configuration, the GATT table a replay presents) goes in a
 * small properties sidecar beside it, {@code <capture>.properties}. {@link
 * org.imucompanion.ble.capture.CaptureWriter} writes both; {@link
 * org.imucompanion.ble.capture.CaptureReader} returns exactly the records written; {@link
 * org.imucompanion.ble.capture.CaptureReplay} plays a capture back as a {@link
 * org.imucompanion.ble.BleTransport}, at the recorded pace or as fast as possible, so a capture
 * goes through the same decoding path as a live device.
 *
 * <p>For a firmware developer:
 *
 * <pre>
 * wireshark session.btsnoop
 * tshark -r session.btsnoop -Y 'btatt.opcode == 0x1b' -T fields \
 *     -e frame.time_epoch -e bthci_acl.src.bd_addr -e btatt.handle -e btatt.uuid128 -e btatt.value
 * </pre>
 *
 * <p>Time stamps are the host's wall clock in microseconds (btsnoop's resolution), taken when the
 * notification came off the link; a replay restores the spacing to the microsecond. The reader
 * also accepts a real {@code btmon -w} or Android HCI H4 snoop log, given a sidecar naming its
 * devices and handles.
 *
 * <p>Bad input: a damaged record (a length of 2³¹ or −1, a flipped bit in a header) is a {@link
 * org.imucompanion.ble.capture.CaptureDamage} with its record number and byte offset, and reading
 * goes on from the next pair of records that make sense; a time stamp that jumps more than 5 s
 * ahead or 1 s back is a {@link org.imucompanion.ble.capture.CaptureReplay.TimeJump}, not waited
 * for. Only a file that is not a capture at all raises {@link
 * org.imucompanion.ble.capture.CaptureFormatException}. A live
 * device of any kind is captured by the app's supervised feed (every raw notification it
 * subscribes, through {@link org.imucompanion.ble.capture.CaptureWriter#listener()}).
 */
package org.imucompanion.ble.capture;
