package org.imucompanion.app.ui.inspector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.imucompanion.app.workspace.DeviceCapture;
import org.imucompanion.app.workspace.DeviceFeed;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.SampleSink;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.ble.virtualdevice.SyntheticWorkout;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.ble.virtualdevice.VirtualTransport;
import org.imucompanion.ble.virtualdevice.VirtualWristband;


/** Capture files for the Inspector and replay tests, written by ble-driver's own writer. */
public final class CaptureFiles {
  /** Address of the wristband in {@link #virtualWristbandSession}. */
  public static final String ADDRESS = "C0:FF:EE:00:00:07";

  private CaptureFiles() {}

  /**
   * Captures a virtual wristband's session the way the {@code capture} command does: ble-driver's
   * virtual device doing its workout, supervised by a {@link DeviceFeed}, {@link DeviceCapture}
   * writing every notification.
   *
   * @param file the btsnoop file to write
   * @param millis how long to capture
   * @return how many notifications the capture holds
   * @throws Exception if the virtual session fails
   */
  public static long virtualWristbandSession(Path file, long millis) throws Exception {
    VirtualTransport transport = VirtualTransport.create();
    transport.addDevice(new VirtualWristband(ADDRESS, "Test band", SyntheticWorkout.demo()));
    return capture(transport, ADDRESS, "Test band", file, millis);
  }

  /**
   * Captures a virtual Myo's session the same way: its IMU and four EMG characteristics, after
   * the profile's set-mode command started them.
   *
   * @param file the btsnoop file to write
   * @param address the Myo's address
   * @param millis how long to capture
   * @return how many notifications the capture holds
   * @throws Exception if the virtual session fails
   */
  public static long virtualMyoSession(Path file, String address, long millis) throws Exception {
    VirtualTransport transport = VirtualTransport.create();
    transport.addDevice(new VirtualMyo(address, "Test Myo", SyntheticWorkout.demo()));
    return capture(transport, address, "Test Myo", file, millis);
  }

  private static long capture(
      VirtualTransport transport, String address, String name, Path file, long millis)
      throws Exception {
    LiveDevice device =
        DeviceFeed.start(transport, address, name, Optional.empty(), true, SampleSink.NONE);
    try (CaptureWriter writer = CaptureWriter.create(file)) {
      device.firstStreaming().get(10, TimeUnit.SECONDS);
      try (DeviceCapture capture = DeviceCapture.start(device, writer)) {
        Thread.sleep(millis);
      }
      writer.flush();
      return writer.written();
    } finally {
      device.close();
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
