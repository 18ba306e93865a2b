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
 * characteristic: a protocol-v1 packet (sequence, device time, samples), a Myo IMU, EMG, battery
 * or classifier event, a legacy value (accelerometer, gyroscope, magnetometer). A value that does
 * not decode says so with the decoder's reason and byte offset, never hidden.
 */
public final class PacketDescriber {
  private PacketDescriber() {}

  /**
   * What a notification says.
   *
   * @param decoded the fields, or the decoder's reason when {@code malformed}
   * @param malformed whether the decoder refused it
   */
  public record Description(String decoded, boolean malformed) {}

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
   * @param config the wristband's configuration (needed for protocol-v1 data), if known
   * @return the decoded fields, or why it is malformed
   */
  public static Description describe(Notification n, Optional<WristbandConfig> config) {
    UUID c = n.characteristic();
    byte[] v = n.value();
    try {
      if (c.equals(WristbandUuids.DATA)) {
        WristbandDataPacket p = WristbandCodec.decode(v, config.orElse(WristbandConfig.DEFAULT));
        StringBuilder line =
            new StringBuilder(
                String.format(
                    Locale.ROOT, "seq %5d  t %10d us", p.sequence(), p.deviceTimeMicros()));
        for (WristbandSample s : p.samples()) {
          line.append("  a ").append(vector(s.accelG())).append(" g  w ");
          line.append(vector(s.gyroRadPerS())).append(" rad/s");
        }
        return new Description(line.toString(), false);
      }
      if (c.equals(LegacyUuids.DATA)) {
        LegacyWristbandPacket p = LegacyCodec.decode(v);
        return new Description(
            "a " + vector(p.accelG()) + " g  w " + vector(p.gyroRadPerS()) + " rad/s  m "
                + vector(p.magMicroTesla()) + " uT",
            false);
      }
      if (c.equals(MyoUuids.IMU_DATA)) {
        MyoImuPacket p = MyoCodec.decodeImu(v);
        Quaternion q = p.orientation();
        return new Description(
            String.format(Locale.ROOT, "q (%+.3f %+.3f %+.3f %+.3f)", q.w(), q.x(), q.y(), q.z())
                + "  a " + vector(p.accelG()) + " g  w " + vector(p.gyroRadPerS()) + " rad/s",
            false);
      }
      if (MyoUuids.EMG_DATA.contains(c)) {
        MyoEmgPacket p = MyoCodec.decodeEmg(v);
        return new Description("emg " + p.first() + " " + p.second(), false);
      }
      if (c.equals(MyoUuids.BATTERY_LEVEL)) {
        return new Description("battery " + MyoCodec.decodeBatteryLevel(v) + " %", false);
      }
      if (c.equals(MyoUuids.CLASSIFIER_EVENT)) {
        return new Description("classifier " + MyoCodec.decodeClassifierEvent(v), false);
      }
      return new Description("(no decoder for " + c + ")", false);
    } catch (ProtocolException e) {
      return new Description(e.getMessage(), true);
    }
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
    return head + (d.malformed() ? "  | MALFORMED " : "  | ") + d.decoded();
  }

  private static String vector(Vector3 v) {
    return String.format(Locale.ROOT, "(%+.3f %+.3f %+.3f)", v.x(), v.y(), v.z());
  }
}
