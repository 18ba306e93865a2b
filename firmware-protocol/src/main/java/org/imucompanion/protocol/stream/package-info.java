/**
 * Stateful pieces that sit beside the pure decoders: following wrapping sequence numbers ({@link
 * org.imucompanion.protocol.stream.SequenceTracker}) and device clocks ({@link
 * org.imucompanion.protocol.stream.DeviceClock}), giving each sample a host time that never goes
 * backwards ({@link org.imucompanion.protocol.stream.SampleClock}, a per-stream clock model fed by
 * arrival times and, where the wire has one, the device clock), and reassembling packets from a
 * byte stream ({@link org.imucompanion.protocol.stream.FrameAssembler}).
 */
package org.imucompanion.protocol.stream;
