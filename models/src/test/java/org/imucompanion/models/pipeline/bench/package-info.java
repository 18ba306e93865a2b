/**
 * JMH benchmarks of the streaming pipeline's per-sample cost. Speed is measured here, never
 * asserted in unit tests. Run {@link org.imucompanion.models.pipeline.bench.PipelineBenchmark}'s
 * main on the test classpath.
 */
package org.imucompanion.models.pipeline.bench;
