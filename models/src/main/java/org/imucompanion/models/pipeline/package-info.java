/**
 * The streaming pipeline: one implementation, used for live devices, replays of captures and
 * recordings, and the windows exported for training, so that training and live inference cannot
 * drift apart.
 *
 * <p>Stages are per-stream objects with {@code step}/{@code reset} that keep their state across
 * calls and allocate nothing per sample once running: orientation and gravity separation ({@link
 * org.imucompanion.models.pipeline.MadgwickFilter}), causal Butterworth filters designed in code
 * ({@link org.imucompanion.models.pipeline.ButterworthDesign}, {@link
 * org.imucompanion.models.pipeline.BiquadCascade}, {@link
 * org.imucompanion.models.pipeline.EmgEnvelope}), resampling to the model's rate with gap
 * detection ({@link org.imucompanion.models.pipeline.LinearResampler}) and sliding windows ({@link
 * org.imucompanion.models.pipeline.SlidingWindow}); a window is normalized with the model's own
 * statistics by the classifier ({@code OnnxClassifier}), which owns them. {@link
 * org.imucompanion.models.pipeline.StreamingPipeline} composes them according to a {@link
 * org.imucompanion.models.pipeline.PipelineSettings}, which a model carries in its metadata.
 *
 * <p>Sample times are expected on the host's clock and increasing, as firmware-protocol's {@link
 * org.imucompanion.protocol.stream.SampleClock} (one per device stream) stamps them.
 */
package org.imucompanion.models.pipeline;
