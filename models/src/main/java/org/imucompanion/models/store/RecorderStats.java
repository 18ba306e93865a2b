package org.imucompanion.models.store;

/**
 * What a {@link SessionRecorder} has done so far, for the status bar and for benchmarks.
 *
 * @param offeredSamples samples producers handed in
 * @param writtenSamples samples committed to the file
 * @param droppedSamples samples lost because the queue was full or the disk refused them
 * @param commits successful commits
 * @param failedCommits commits that failed (e.g. disk full) and will be retried
 * @param maxCommitNanos the longest commit so far, which bounds what a crash can lose beyond the
 *     commit interval
 */
public record RecorderStats(
    long offeredSamples,
    long writtenSamples,
    long droppedSamples,
    long commits,
    long failedCommits,
    long maxCommitNanos) {}
