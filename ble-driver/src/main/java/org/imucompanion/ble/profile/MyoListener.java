package org.imucompanion.ble.profile;

import org.imucompanion.protocol.myo.MyoImuPacket;

/** Receives a Myo's IMU packets (50 Hz) and its merged EMG stream (200 Hz). */
public interface MyoListener {

  /**
   * An IMU packet decoded.
   *
   * @param packet orientation, acceleration, rotation rate, with arrival time
   */
  void onImu(TimedPacket<MyoImuPacket> packet);

  /**
   * One EMG sample, in arrival order, which is stream order except for a notification that came
   * late: its two samples follow later ones, with their own lower {@link EmgReading#sampleIndex()}.
   *
   * @param reading the sample and its index in the 200 Hz stream
   */
  void onEmg(EmgReading reading);

  /**
   * A notification did not decode; it is counted and skipped.
   *
   * @param malformed the bytes and the decoder's reason
   */
  default void onMalformed(MalformedNotification malformed) {}
}
