/**
 * Stateful pieces that sit beside the pure decoders: following wrapping sequence numbers and device
 * clocks, and reassembling packets from a byte stream.
 */
package org.imucompanion.protocol.stream;
