/**
 * Hand-over from producer threads (BLE receivers, replays, pipelines) to the UI: fixed-capacity
 * ring buffers that producers write at their own rate and the UI reads at most once per frame, so
 * the FX thread never receives one task per packet. No JavaFX here: the buffers are plain Java
 * and tested as such.
 */
package org.imucompanion.app.buffer;
