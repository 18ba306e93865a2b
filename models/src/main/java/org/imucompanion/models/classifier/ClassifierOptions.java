package org.imucompanion.models.classifier;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to open a model.
 *
 * @param intraOpThreads ONNX Runtime intra-op threads; 1 by default because the laptop also runs
 *     the UI, the BLE receiver and one pipeline per device, and a window this small gains nothing
 *     from more
 * @param producibleChannels the channels the pipeline can produce for the device at hand; when
 *     present, a model needing anything else is refused at load time
 */
public record ClassifierOptions(int intraOpThreads, Optional<Set<String>> producibleChannels) {

  /** One intra-op thread, no channel check. */
  public static final ClassifierOptions DEFAULT = new ClassifierOptions(1, Optional.empty());

  /**
   * Validates and freezes the options.
   *
   * @throws IllegalArgumentException if {@code intraOpThreads < 1}
   */
  public ClassifierOptions {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
    }
    producibleChannels = Objects.requireNonNull(producibleChannels, "producibleChannels")
        .map(Set::copyOf);
  }

  /**
   * A copy with another thread count.
   *
   * @param threads intra-op threads, &gt;= 1
   * @return the new options
   */
  public ClassifierOptions withIntraOpThreads(int threads) {
    return new ClassifierOptions(threads, producibleChannels);
  }

  /**
   * A copy that checks the model's channels against what the pipeline can produce.
   *
   * @param channels canonical names of the producible channels
   * @return the new options
   */
  public ClassifierOptions withProducibleChannels(Set<String> channels) {
    return new ClassifierOptions(intraOpThreads, Optional.of(channels));
  }
}
