package org.imucompanion.app.workspace;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.imucompanion.ble.Notification;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.legacy.LegacyCodec;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoEmgPacket;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * Decodes any data notification of the three device kinds into one line of fields, by its
 * characteristic, for the {@code inspect} command and the Inspector alike: a protocol-v1 packet (sequence, device time, samples), a Myo IMU, EMG, battery
 * or classifier event, a legacy value (accelerometer, gyroscope, magnetometer). A value that does
 * not decode says so with the decoder's reason and byte offset, never hidden.
 */
public final class PacketDescriber {
  private PacketDescriber() {}

  /**
   * What a notification says.
   *
   * @param sequence its sequence number, for a protocol-v1 data packet that decoded
   * @param decoded the fields, or {@code MALFORMED} and the decoder's reason and byte offset
   * @param malformed whether the decoder refused it
   */
  public record Description(java.util.OptionalInt sequence, String decoded, boolean malformed) {}

  /**
   * Names a characteristic the way a firmware developer knows it.
   *
   * @param uuid the characteristic
   * @return e.g. {@code myo emg 2}, or the UUID for one we do not know
   */
  public static String characteristicName(UUID uuid) {
    if (uuid.equals(WristbandUuids.DATA)) {
      return "v1 data";
    }
    if (uuid.equals(LegacyUuids.DATA)) {
      return "legacy data";
    }
    if (uuid.equals(MyoUuids.IMU_DATA)) {
      return "myo imu";
    }
    int emg = MyoUuids.EMG_DATA.indexOf(uuid);
    if (emg >= 0) {
      return "myo emg " + emg;
    }
    if (uuid.equals(MyoUuids.BATTERY_LEVEL)) {
      return "battery";
    }
    if (uuid.equals(MyoUuids.CLASSIFIER_EVENT)) {
      return "myo classifier";
    }
    return uuid.toString();
  }

  /**
   * Decodes a notification.
   *
   * @param n the notification
   * @param config the wristband's configuration (protocol-v1 data decodes with it), if known
   * @return the decoded fields, or why it is malformed
   */
  public static Description describe(Notification n, Optional<WristbandConfig> config) {
    UUID c = n.characteristic();
    byte[] v = n.value();
    try {
      if (c.equals(WristbandUuids.DATA)) {
        WristbandDataPacket p = WristbandCodec.decode(v, config.orElse(WristbandConfig.DEFAULT));
        StringBuilder text =
            new StringBuilder(String.format(Locale.ROOT, "t %d µs", p.deviceTimeMicros()));
        for (WristbandSample s : p.samples()) {
          text.append("  a ").append(vector(s.accelG())).append(" g  ω ").append(vector(s.gyroRadPerS()));
        }
        return new Description(java.util.OptionalInt.of(p.sequence()), text.toString(), false);
      }
      return new Description(java.util.OptionalInt.empty(), decodeOther(c, v), false);
    } catch (ProtocolException e) {
      return new Description(java.util.OptionalInt.empty(), "MALFORMED " + e.getMessage(), true);
    }
  }

  /**
   * Decodes a value of a characteristic without sequence numbers (Myo, legacy band, battery).
   *
   * @param characteristic the characteristic
   * @param value its value
   * @return the fields
   * @throws ProtocolException if the value does not decode as its characteristic's
   */
  public static String decodeOther(UUID characteristic, byte[] value) throws ProtocolException {
    if (characteristic.equals(MyoUuids.IMU_DATA)) {
      MyoImuPacket p = MyoCodec.decodeImu(value);
      Quaternion q = p.orientation();
      return String.format(Locale.ROOT, "q (%+.3f %+.3f %+.3f %+.3f)", q.w(), q.x(), q.y(), q.z())
          + "  a " + vector(p.accelG()) + " g  ω " + vector(p.gyroRadPerS());
    }
    if (MyoUuids.EMG_DATA.contains(characteristic)) {
      MyoEmgPacket p = MyoCodec.decodeEmg(value);
      return "emg " + channels(p.first()) + " " + channels(p.second());
    }
    if (characteristic.equals(LegacyUuids.DATA)) {
      LegacyWristbandPacket p = LegacyCodec.decode(value);
      return "a " + vector(p.accelG()) + " g  ω " + vector(p.gyroRadPerS()) + "  m "
          + vector(p.magMicroTesla()) + " µT";
    }
    if (characteristic.equals(MyoUuids.BATTERY_LEVEL)) {
      return "battery " + MyoCodec.decodeBatteryLevel(value) + " %";
    }
    if (characteristic.equals(MyoUuids.CLASSIFIER_EVENT)) {
      return "classifier " + MyoCodec.decodeClassifierEvent(value);
    }
    return "not decoded here (characteristic " + characteristic + ")";
  }

  /**
   * Formats a notification as one line: time since a start, characteristic, length, hex, fields.
   *
   * @param n the notification
   * @param startNanos what time 0 is
   * @param config the wristband's configuration, if known
   * @param hexOnly leave the decoded fields out
   * @return the line; a malformed value's line says {@code MALFORMED} and why
   */
  public static String line(
      Notification n, long startNanos, Optional<WristbandConfig> config, boolean hexOnly) {
    String head =
        String.format(
            Locale.ROOT,
            "%10.3f ms  %-14s %3d B  %s",
            (n.hostTimeNanos() - startNanos) / 1e6,
            characteristicName(n.characteristic()),
            n.value().length,
            HexFormat.ofDelimiter(" ").formatHex(n.value()));
    if (hexOnly) {
      return head;
    }
    Description d = describe(n, config);
    String seq = d.sequence().isPresent() ? String.format(Locale.ROOT, "seq %5d  ", d.sequence().getAsInt()) : "";
    return head + "  | " + seq + d.decoded();
  }

  private static String vector(Vector3 v) {
    return String.format(Locale.ROOT, "(%+.2f %+.2f %+.2f)", v.x(), v.y(), v.z());
  }

  private static String channels(org.imucompanion.protocol.myo.EmgSample s) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < org.imucompanion.protocol.myo.EmgSample.CHANNELS; i++) {
      out.append(i == 0 ? "" : " ").append(s.channel(i));
    }
    return out.append(']').toString();
  }
}
