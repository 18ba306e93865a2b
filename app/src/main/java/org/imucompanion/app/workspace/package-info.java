/**
 * What the dashboard is working with: the devices that are streaming (virtual, real or replayed),
 * each with the ring buffer its samples land in and its link state, readable from the FX thread
 * without blocking. Producers never touch JavaFX properties; views poll once per frame.
 */
package org.imucompanion.app.workspace;
