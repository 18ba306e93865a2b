/**
 * Turns normalized windows into exercise probabilities and a stable live label.
 *
 * <p>A model file carries its own {@link org.imucompanion.models.classifier.ModelContract} (class
 * names, rate, window, hop, channels in order, normalization, pipeline settings) in its ONNX
 * metadata. {@link org.imucompanion.models.classifier.OnnxClassifier} refuses a model whose
 * contract is out of bounds, disagrees with its own graph or pipeline settings or asks for
 * channels the pipeline can't produce, so a model never silently sees data it wasn't trained on;
 * it also refuses a model that keeps tensor data in other files (before ONNX Runtime could open
 * them) and one whose output on its training means is not finite. {@link
 * org.imucompanion.models.classifier.LabelSmoother} turns per-window posteriors into the label a
 * coach reads: it holds through the short pauses between repetitions and changes only on sustained
 * evidence.
 *
 * <p>This is the only package that touches ONNX Runtime. The key names are specified in {@code
 * models/training/MODEL_CONTRACT.md}; the Python side that writes them is {@code
 * models/training/onnx_contract.py}.
 */
package org.imucompanion.models.classifier;
