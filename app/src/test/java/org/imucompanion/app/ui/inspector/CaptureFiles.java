package org.imucompanion.app.ui.inspector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.ble.capture.LiveCapture;
import org.imucompanion.ble.profile.EmgReading;
import org.imucompanion.ble.profile.MyoListener;
import org.imucompanion.ble.profile.MyoProfile;
import org.imucompanion.ble.profile.TimedPacket;
import org.imucompanion.ble.profile.WristbandProfile;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.ble.virtualdevice.SyntheticWorkout;
import org.imucompanion.ble.virtualdevice.VirtualTransport;
import org.imucompanion.ble.virtualdevice.VirtualWristband;
import org.imucompanion.protocol.wristband.WristbandUuids;

/** Capture files for the Inspector and replay tests, written by ble-driver's own writer. */
public final class CaptureFiles {
  /** Address of the wristband in {@link #virtualWristbandSession}. */
  public static final String ADDRESS = "C0:FF:EE:00:00:07";

  private CaptureFiles() {}

  /**
   * Captures a virtual wristband's session the way the {@code capture} command does: ble-driver's
   * virtual device streaming its workout, {@link LiveCapture} writing it.
   *
   * @param file the btsnoop file to write
   * @param millis how long to capture
   * @return how many notifications the capture holds
   * @throws Exception if the virtual session fails
   */
  public static long virtualWristbandSession(Path file, long millis) throws Exception {
    try (VirtualTransport transport = VirtualTransport.create();
        CaptureWriter writer = CaptureWriter.create(file)) {
      transport.addDevice(new VirtualWristband(ADDRESS, "Test band", SyntheticWorkout.demo()));
      BleConnection connection =
          transport.connect(ADDRESS, (s, c) -> {}, Runnable::run).get(5, TimeUnit.SECONDS);
      try (LiveCapture capture =
              LiveCapture.start(
                      writer,
                      connection,
                      Optional.of("Test band"),
                      "wristband-v1",
                      Set.of(WristbandUuids.CONFIG))
                  .get(5, TimeUnit.SECONDS);
          WristbandProfile.Session session =
              WristbandProfile.start(connection, p -> {}, Optional.empty()).get(5, TimeUnit.SECONDS)) {
        Thread.sleep(millis);
      } finally {
        connection.close();
      }
      writer.flush();
      return writer.written();
    }
  }

  /**
   * Captures a virtual Myo's session: its IMU and four EMG characteristics, after the profile's
   * set-mode command started them.
   *
   * @param file the btsnoop file to write
   * @param address the Myo's address
   * @param millis how long to capture
   * @return how many notifications the capture holds
   * @throws Exception if the virtual session fails
   */
  public static long virtualMyoSession(Path file, String address, long millis) throws Exception {
    try (VirtualTransport transport = VirtualTransport.create();
        CaptureWriter writer = CaptureWriter.create(file)) {
      transport.addDevice(new VirtualMyo(address, "Test Myo", SyntheticWorkout.demo()));
      BleConnection connection =
          transport.connect(address, (s, c) -> {}, Runnable::run).get(5, TimeUnit.SECONDS);
      MyoListener ignore =
          new MyoListener() {
            @Override
            public void onImu(TimedPacket<MyoImuPacket> packet) {}

            @Override
            public void onEmg(EmgReading reading) {}
          };
      try (LiveCapture capture =
              LiveCapture.start(writer, connection, Optional.of("Test Myo"), "myo", Set.of())
                  .get(5, TimeUnit.SECONDS);
          MyoProfile.Session session =
              MyoProfile.start(connection, ignore, Optional.empty(), Optional.empty())
                  .get(5, TimeUnit.SECONDS)) {
        Thread.sleep(millis);
      } finally {
        connection.close();
      }
      writer.flush();
      return writer.written();
    }
  }

  /**
   * Writes a capture from given notifications of one wristband (its sidecar with the default
   * configuration).
   *
   * @param file the btsnoop file
   * @param notifications what to write
   * @return the file
   * @throws Exception if writing fails
   */
  public static Path of(Path file, List<Notification> notifications) throws Exception {
    SavedCapture.write(file, "02:00:00:00:00:01", "Band", "wristband v1", notifications);
    return file;
  }

  /**
   * Writes a file that is not a btsnoop capture (a text file with a capture's name) beside a good
   * sidecar, so it is the file itself that is wrong.
   *
   * @param file where
   * @return the file
   * @throws Exception if writing fails
   */
  public static Path corrupt(Path file) throws Exception {
    of(file, List.of(InspectorFixtures.packet(1, 1_000_000L)));
    Files.writeString(file, "this is not a btsnoop file, just a renamed text file\n");
    return file;
  }
}
