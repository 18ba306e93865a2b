/**
 * Benchmarks of the BLE path, run as plain mains from test sources (speed is measured here, never
 * asserted in timed unit tests).
 */
package org.imucompanion.ble.bench;
