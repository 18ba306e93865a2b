/**
 * The athlete's Record view: choose athlete and exercise, start a session, start and stop
 * labeled sets (hotkeys 1–9 pick the exercise), end the session; samples stream into the
 * session store as they arrive.
 */
package org.imucompanion.app.ui.record;
