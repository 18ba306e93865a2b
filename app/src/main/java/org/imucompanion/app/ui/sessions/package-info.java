/**
 * The Sessions view: recorded sessions in the session store (athlete, start, device, state,
 * notes), exporting one to CSV, and the selected session's sets (exercise, reps, duration, form)
 * with label editing that the store keeps as marked edits. Store access runs on a background
 * executor.
 */
package org.imucompanion.app.ui.sessions;
