/**
 * Export of training windows: every session of a dataset runs through the same {@link
 * org.imucompanion.models.pipeline.StreamingPipeline} as live data, and the windows land in
 * {@code windows.npz} + {@code meta.json} (specified in {@code models/training/WINDOWS_FORMAT.md})
 * for the Python training recipe. The CLI's {@code train-data} command is a thin wrapper around
 * {@link org.imucompanion.models.export.WindowExporter}; {@link
 * org.imucompanion.models.export.DatasetFormat} holds each dataset's default export settings.
 */
package org.imucompanion.models.export;
