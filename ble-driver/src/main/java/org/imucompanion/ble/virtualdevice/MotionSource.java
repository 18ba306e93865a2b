package org.imucompanion.ble.virtualdevice;

/**
 * What a virtual device's sensors feel: the motion of the body part it is strapped to, as a pure
 * function of time, so that any device rate or batch samples the same motion and a test can ask for
 * the very sample a device sent.
 *
 * <p>A synthetic workout implements it now; templates derived from real recordings can replace it
 * without the devices noticing.
 */
@FunctionalInterface
public interface MotionSource {

  /**
   * Returns what the sensors read at a moment.
   *
   * @param nanos time since the device powered on, in nanoseconds (never negative)
   * @return accelerometer, gyroscope, magnetometer, orientation and EMG at that moment
   */
  MotionSample sampleAt(long nanos);
}
