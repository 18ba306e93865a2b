/**
 * The Inspector view for firmware developers: the selected device's notifications as a table
 * (host time, device, characteristic, sequence, length, hex, ASCII, decoded fields), malformed
 * packets with their reason and packets after a sequence gap highlighted, pause/resume, and
 * filters by validity and characteristic, and charts of packet rate vs nominal, loss and jitter
 * over time ({@code HealthTrend}). Pulled once per frame, never one UI task per packet.
 */
package org.imucompanion.app.ui.inspector;
