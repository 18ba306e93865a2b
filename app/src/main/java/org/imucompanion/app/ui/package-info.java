/**
 * The JavaFX dashboard: the application class, the main window that switches between views, and
 * the FX-thread plumbing. Each view lives in its own sub-package as a View (builds and binds
 * nodes) plus a ViewModel (state as properties, unit-tested without a stage).
 */
package org.imucompanion.app.ui;
