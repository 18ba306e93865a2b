package org.imucompanion.models.classifier;

/**
 * The label shown to a coach after one window, as decided by a {@link LabelSmoother}.
 *
 * @param classIndex index of the shown class in the model's class order
 * @param className name of the shown class
 * @param confidence smoothed probability of the shown class, 0 to 1
 * @param changed whether this step changed the shown label (false on the very first step)
 */
public record SmoothedLabel(int classIndex, String className, double confidence, boolean changed) {}
