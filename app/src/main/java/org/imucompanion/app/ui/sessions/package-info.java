/**
 * The Sessions view: recorded sessions in the session store (athlete, start, device, state,
 * notes), exporting one to CSV, the selected session's sets (exercise, reps, duration, form) with
 * label editing that the store keeps as marked edits, a plot of one of its streams (chosen when
 * it has several), and re-running the model loaded in the Models view over a session to
 * compare it with its labels (models' {@code StreamingEvaluation}: confusion matrix, per-set
 * outcome, repetition errors). Store access and replays run on a background executor.
 */
package org.imucompanion.app.ui.sessions;
