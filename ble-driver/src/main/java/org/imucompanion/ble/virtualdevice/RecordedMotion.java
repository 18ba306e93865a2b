package org.imucompanion.ble.virtualdevice;

import java.util.List;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;

/**
 * Motion played back from a recording sampled at a fixed rate, so a virtual device can replay real
 * exercise (a dataset session converted to {@link MotionSample}s by whoever reads it; this module
 * does not read datasets) at whatever rate and batch the device is configured for.
 *
 * <p>Between two recorded samples the vectors are interpolated linearly and the orientation by
 * normalised linear interpolation (the shorter way round); EMG, being noise-like, is held from the
 * earlier sample. Past the end the recording loops, or holds its last sample.
 */
public final class RecordedMotion implements MotionSource {

  private final double sampleRateHz;
  private final List<MotionSample> samples;
  private final boolean loop;

  /**
   * Creates a playback.
   *
   * @param sampleRateHz the recording's sample rate
   * @param samples the recorded samples, at least one, oldest first
   * @param loop whether to start again after the last sample (else hold it)
   */
  public RecordedMotion(double sampleRateHz, List<MotionSample> samples, boolean loop) {
    if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
      throw new IllegalArgumentException("sampleRateHz must be > 0: " + sampleRateHz);
    }
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("a recording needs at least one sample");
    }
    this.sampleRateHz = sampleRateHz;
    this.samples = List.copyOf(samples);
    this.loop = loop;
  }

  /**
   * Returns how long the recording lasts before it loops or holds.
   *
   * @return nanoseconds covered by the samples ({@code count / rate})
   */
  public long durationNanos() {
    return Math.round(samples.size() * 1e9 / sampleRateHz);
  }

  @Override
  public MotionSample sampleAt(long nanos) {
    double position = Math.max(0, nanos) * sampleRateHz / 1e9;
    int n = samples.size();
    // A time that is a sample's time up to rounding is that sample, not a blend with its neighbour.
    long whole = (long) Math.floor(position + 1e-9);
    double fraction = Math.max(0, position - whole);
    if (fraction < 1e-9) {
      fraction = 0;
    }
    if (!loop && whole >= n - 1) {
      return samples.get(n - 1);
    }
    int i = (int) (loop ? whole % n : whole);
    int j = loop ? (i + 1) % n : i + 1;
    MotionSample a = samples.get(i);
    if (fraction == 0) {
      return a;
    }
    MotionSample b = samples.get(j);
    return new MotionSample(
        lerp(a.accelG(), b.accelG(), fraction),
        lerp(a.gyroRadPerS(), b.gyroRadPerS(), fraction),
        lerp(a.magMicroTesla(), b.magMicroTesla(), fraction),
        nlerp(a.orientation(), b.orientation(), fraction),
        a.emg());
  }

  private static Vector3 lerp(Vector3 a, Vector3 b, double f) {
    return new Vector3(
        a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f, a.z() + (b.z() - a.z()) * f);
  }

  private static Quaternion nlerp(Quaternion a, Quaternion b, double f) {
    double dot = a.w() * b.w() + a.x() * b.x() + a.y() * b.y() + a.z() * b.z();
    double s = dot < 0 ? -1 : 1; // q and -q are the same rotation: take the shorter way
    double w = a.w() + (s * b.w() - a.w()) * f;
    double x = a.x() + (s * b.x() - a.x()) * f;
    double y = a.y() + (s * b.y() - a.y()) * f;
    double z = a.z() + (s * b.z() - a.z()) * f;
    double norm = Math.sqrt(w * w + x * x + y * y + z * z);
    return norm == 0 ? a : new Quaternion(w / norm, x / norm, y / norm, z / norm);
  }
}
