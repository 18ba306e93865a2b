/**
 * Evaluation of a model and the rep counter the way a coach meets them: recordings are replayed
 * through the live streaming code ({@code RecordingReplay} → {@code StreamingPipeline} → the
 * classifier → {@code LabelSmoother} → {@code RepCounter}) and scored per step (precision,
 * recall, F1, confusion), per true set (right exercise shown, delay, flicker) and per set of
 * repetitions (exact, within one, mean absolute error, timing). The {@code evaluate} command only
 * parses options and prints what this package computes, so every figure of the model card has
 * one implementation.
 */
package org.imucompanion.models.evaluation;
