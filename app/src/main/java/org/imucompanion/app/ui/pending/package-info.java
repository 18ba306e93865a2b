/**
 * Stand-in for a view whose backing code has not landed: it names the view and says plainly what
 * is missing, instead of showing controls that do nothing.
 */
package org.imucompanion.app.ui.pending;
