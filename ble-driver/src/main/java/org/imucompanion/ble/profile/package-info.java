/**
 * Device profiles: what to do with a {@link org.imucompanion.ble.BleConnection} to make one kind of
 * device stream (wristband v1, legacy Simblee wristband, Myo armband), and how to turn its
 * notifications into decoded packets.
 *
 * <p>A profile's {@code start} runs the device's start-up conversation (read config, write
 * set-mode, subscribe) and returns a session; closing the session unsubscribes. Every notification
 * ends as exactly one of: a decoded packet ({@link org.imucompanion.ble.profile.PacketListener#onPacket}),
 * a malformed one with the decoder's reason ({@link
 * org.imucompanion.ble.profile.PacketListener#onMalformed}), or a duplicate that is counted and
 * dropped so no sample reaches downstream twice. If a {@link
 * org.imucompanion.ble.health.StreamHealth} is given, it sees every one of them.
 */
package org.imucompanion.ble.profile;
