/**
 * The models module's shared vocabulary: canonical channel names ({@link
 * org.imucompanion.models.Channels}), ordered channel layouts ({@link
 * org.imucompanion.models.ChannelLayout}) and labelled, timestamped multi-channel recordings
 * ({@link org.imucompanion.models.Recording}) that dataset readers produce and the streaming
 * pipeline, the classifier, the rep counter and the session store consume.
 *
 * <p>Everything here is plain JDK so that every other package of the module (and the app) can
 * depend on it without pulling in ONNX Runtime or SQLite.
 */
package org.imucompanion.models;
