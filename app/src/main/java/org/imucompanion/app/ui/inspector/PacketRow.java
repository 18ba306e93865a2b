package org.imucompanion.app.ui.inspector;

/**
 * One line of the packet table.
 *
 * @param hostMillis host arrival time, ms since the first packet the Inspector showed
 * @param sequence the packet's sequence number, or empty if it did not decode
 * @param length bytes
 * @param hex the bytes in hex
 * @param decoded decoded fields, or {@code MALFORMED <reason> at byte <n>: ...}
 * @param malformed whether it failed to decode
 */
public record PacketRow(
    String hostMillis, String sequence, int length, String hex, String decoded, boolean malformed) {}
