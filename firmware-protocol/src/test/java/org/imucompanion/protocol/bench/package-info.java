/** JMH benchmarks of the decoders; run through the {@code bench} Maven profile, never as tests. */
package org.imucompanion.protocol.bench;
