/**
 * The Models view: the loaded model's contract (classes, rate, window, hop, channels), the
 * SHA-256 of its file, the model card's headline figures when the file is a bundled model (matched
 * by SHA-256), and loading another {@code .onnx} file in the background, refused with the reason
 * when its contract does not fit.
 */
package org.imucompanion.app.ui.models;
