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
 * @param task what the model must be: a model for another task is refused at load time (a
 *     repetition-phase model is no exercise classifier, and the other way round)
 */
public record ClassifierOptions(int intraOpThreads, Optional<Set<String>> producibleChannels,
    ModelContract.Task task) {

  /** One intra-op thread, no channel check, an exercise classifier. */
  public static final ClassifierOptions DEFAULT =
      new ClassifierOptions(1, Optional.empty(), ModelContract.Task.EXERCISE);

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
    Objects.requireNonNull(task, "task");
  }

  /**
   * A copy with another thread count.
   *
   * @param threads intra-op threads, &gt;= 1
   * @return the new options
   */
  public ClassifierOptions withIntraOpThreads(int threads) {
    return new ClassifierOptions(threads, producibleChannels, task);
  }

  /**
   * A copy that checks the model's channels against what the pipeline can produce.
   *
   * @param channels canonical names of the producible channels
   * @return the new options
   */
  public ClassifierOptions withProducibleChannels(Set<String> channels) {
    return new ClassifierOptions(intraOpThreads, Optional.of(channels), task);
  }

  /**
   * A copy that opens a model for another task.
   *
   * @param task the task the model must have
   * @return the new options
   */
  public ClassifierOptions withTask(ModelContract.Task task) {
    return new ClassifierOptions(intraOpThreads, producibleChannels, task);
  }
}
