/**
 * The Devices view: every device in the workspace with its kind, link state and a one-line
 * health summary, and a plain statement of whether BlueZ (real devices) is available.
 */
package org.imucompanion.app.ui.devices;
