package org.imucompanion.models.athlete;

/**
 * How the arm rests between sets, and how long.
 *
 * @param gravity mean gravity direction at rest (unit vector, device frame, pointing up)
 * @param noiseSd per-channel standard deviation at rest (gravity, linear acceleration, rate)
 * @param durationMean mean rest between sets, s
 * @param durationSd standard deviation of the rest, s
 * @param orientationSpreadRad root-mean-square angle between one subject's mean gravity
 *     direction and all subjects' mean, per exercise: how differently people wear the phone
 */
public record RestTemplate(
    double[] gravity,
    double[] noiseSd,
    double durationMean,
    double durationSd,
    double orientationSpreadRad) {

  /**
   * Validates the template.
   *
   * @param gravity see {@link #gravity()}
   * @param noiseSd see {@link #noiseSd()}
   * @param durationMean see {@link #durationMean()}
   * @param durationSd see {@link #durationSd()}
   * @param orientationSpreadRad see {@link #orientationSpreadRad()}
   */
  public RestTemplate {
    if (gravity.length != 3 || noiseSd.length != ExerciseTemplate.CHANNELS) {
      throw new IllegalArgumentException("gravity needs 3 values, noiseSd "
          + ExerciseTemplate.CHANNELS);
    }
    if (!(durationMean > 0) || !(orientationSpreadRad >= 0)) {
      throw new IllegalArgumentException("rest duration must be positive, spread >= 0");
    }
  }
}
