/**
 * Online repetition counting and its evaluation against labelled repetitions.
 *
 * <p>{@link org.imucompanion.models.reps.RepCounter} is fed the streaming pipeline's resampled,
 * filtered samples together with the live exercise label and emits a {@link
 * org.imucompanion.models.reps.RepEvent} as each repetition completes (or, for repetitions that
 * completed just before the label settled, late, when it settles); given the classifier's
 * momentary rest probability too, it does not count movement the classifier calls rest under a
 * label still held after a set (unless the classifier called it exercise at some moment of the
 * repetition), and it holds a set's first repetition until a second confirms it (emitted late,
 * with its own time), so a lone movement under an exercise label is not counted, unless the
 * classifier called the set exercise for a whole window (then it is emitted when the wait ends). What it looks for per exercise (tempo range, signal, amplitude) is data, in {@link
 * org.imucompanion.models.reps.RepProfiles}, not code. {@link
 * org.imucompanion.models.reps.RepEvaluation} replays recordings through the same pipeline and
 * compares the counts with the sets and repetitions their labels describe.
 */
package org.imucompanion.models.reps;
