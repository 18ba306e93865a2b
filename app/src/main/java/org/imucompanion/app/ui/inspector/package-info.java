/**
 * The Inspector view for firmware developers: the selected device's notifications as a table
 * (host time, device, characteristic, sequence, length, hex, ASCII, decoded fields), malformed
 * packets with their reason and packets after a sequence gap highlighted, pause/resume, and
 * filters by validity and characteristic, and charts of packet rate vs nominal, loss and jitter
 * over time ({@code HealthTrend}). Pulled once per frame, never one UI task per packet.
 *
 * <p>Captures: "Open capture…" reads a btsnoop file and its sidecar into the table off the FX
 * thread ({@code OpenedCapture}, decoded with per-device health; a bad file is named with what is
 * wrong and where), "Save capture…" writes the device's received packets to one ({@code
 * SavedCapture}), and "Replay capture…" hands the file to the dashboard, which adds it as a device.
 */
package org.imucompanion.app.ui.inspector;
