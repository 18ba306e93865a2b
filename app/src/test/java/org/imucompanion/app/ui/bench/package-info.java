/**
 * Benchmarks of the dashboard (run by hand, never as tests): {@link
 * org.imucompanion.app.ui.bench.UiBench} opens it with several virtual devices at full rate and
 * prints frame rate, dropped frames, CPU, heap growth and notification-to-screen latency for
 * docs/PERFORMANCE.md.
 */
package org.imucompanion.app.ui.bench;
