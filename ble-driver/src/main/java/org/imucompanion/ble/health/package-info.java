/**
 * Stream health for firmware developers: per device and characteristic, how the stream that
 * actually arrives compares with what the device is configured to send.
 *
 * <p>{@link org.imucompanion.ble.health.StreamHealth} is fed once per notification by whoever
 * decodes it (the decode result, or the reason it was malformed) and keeps fixed-size counters, so
 * a stream at full rate costs no allocation. A UI asks for an immutable {@link
 * org.imucompanion.ble.health.StreamHealthSnapshot} as often as it repaints: live figures over the
 * last second and cumulative figures since the stream started, sequence gaps (or, for streams
 * without sequence numbers such as the Myo's, loss inferred from timing and flagged as inferred),
 * duplicates, reordering, inter-arrival jitter and malformed packets by reason.
 */
package org.imucompanion.ble.health;
