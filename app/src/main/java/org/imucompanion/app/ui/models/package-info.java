/**
 * The Models view: the loaded model's contract (classes, rate, window, hop, channels), the
 * SHA-256 of its file, and loading another {@code .onnx} file, refused with the reason when its
 * contract does not fit.
 */
package org.imucompanion.app.ui.models;
