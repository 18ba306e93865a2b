package org.imucompanion.protocol.myo;

/**
 * The firmware info characteristic (PROTOCOL.md §4.5), 20 bytes.
 *
 * @param serialNumber the six serial bytes as 12 lowercase hex digits, first byte first
 * @param unlockPose the pose that unlocks the armband
 * @param activeClassifierType 0 = built-in, 1 = custom
 * @param activeClassifierIndex index of the active classifier
 * @param hasCustomClassifier whether a custom classifier is loaded
 * @param streamIndicating whether the LED indicates streaming
 * @param sku 0 = unknown, 1 = black, 2 = white
 */
public record MyoFirmwareInfo(
    String serialNumber,
    int unlockPose,
    int activeClassifierType,
    int activeClassifierIndex,
    boolean hasCustomClassifier,
    boolean streamIndicating,
    int sku) {}
