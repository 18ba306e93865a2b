/**
 * The coach's Live view: scrolling plots of acceleration and angular rate for the selected
 * device, pulled from its ring buffer at most once per frame.
 */
package org.imucompanion.app.ui.live;
