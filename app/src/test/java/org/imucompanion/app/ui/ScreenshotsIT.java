package org.imucompanion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.imucompanion.app.athlete.AthleteMotion;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.workspace.LiveClassification;
import org.imucompanion.models.athlete.VirtualAthlete;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.app.ui.inspector.InspectorFixtures;
import org.imucompanion.app.ui.models.ModelLoader;
import org.imucompanion.app.ui.models.ModelsViewModel;
import org.imucompanion.app.ui.sessions.SessionsViewModel;
import org.imucompanion.models.store.NewSession;
import org.imucompanion.models.store.NewStream;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.Segment;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.ble.ConnectionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders every view to a PNG under {@code target/screenshots/} and checks each picture (right
 * size, not blank). Only with {@code -Dimu.screenshots=update} are the pictures also copied to
 * {@code docs/screenshots/} (the README shows them): a plain {@code mvn verify} must leave the
 * working tree clean. The data is seeded and written before the first frame, so the pictures only
 * change when the UI does.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsIT {
  private MainWindow window;
  private Scene scene;
  private SessionsViewModel sessionsViewModel;

  @Start
  void start(Stage stage) throws Exception {
    java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    Workspace workspace = new Workspace(BluetoothStatus.unavailable("no system bus"));
    SampleRingBuffer buffer =
        new SampleRingBuffer(LiveDevice.IMU_CHANNELS, LiveDevice.DEFAULT_CAPACITY);
    LiveDevice device = new LiveDevice("Virtual wristband", "wristband v1", buffer, () -> {});
    // The demo's virtual athlete, two thirds into its first set, classified by the shipped model
    // from the start of the workout, so the Live picture shows what a first run shows.
    LiveClassification live =
        new LiveClassification(DefaultModel.open(ClassifierOptions.DEFAULT), 50);
    VirtualAthlete athlete = AthleteMotion.demo().athlete();
    VirtualAthlete.PlannedSet first = athlete.sets().get(0);
    double end = first.startSeconds() + 0.67 * (first.endSeconds() - first.startSeconds());
    double[] sample = new double[6];
    for (int i = 0; i <= Math.round(end * 50); i++) {
      double t = i / 50.0;
      VirtualAthlete.Reading r = athlete.at(t);
      r.accelGyroInto(sample);
      buffer.append(Math.round(t * 1e9), sample);
      live.push(t, sample);
    }
    device.attachClassification(live);
    // Packets for the Inspector picture, one of them malformed (it must stand out).
    for (int i = 0; i < 40; i++) {
      device.notifications().append(
          i == 17
              ? InspectorFixtures.garbage(i * 20_000_000L)
              : InspectorFixtures.packet(i, i * 20_000_000L));
    }
    device.reportState(ConnectionState.SERVICES_RESOLVED);
    workspace.add(device);
    // The real shipped model, loaded on this thread so the Models picture shows its contract.
    ModelsViewModel models = new ModelsViewModel(ModelLoader.onnx(), Runnable::run, Runnable::run);
    models.loadDefault();
    // A store with one session from a fixed date, so the Sessions picture is the same every run.
    Path storeFile =
        Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "screens")
            .resolve("sessions.db");
    try (SessionStore store = SessionStore.open(storeFile)) {
      long ann = store.addAthlete("Ann", "").id();
      Session s =
          store.startSession(
              new NewSession(
                  Optional.of(ann), "wristband-v1", "", "wrist", "reps counted by hand: 8",
                  Instant.parse("2026-11-20T18:30:00Z"), 0L));
      // 90 s of a wrist at 50 Hz: curls, a rest, squats; the sets labelled as the athlete did.
      long stream =
          store
              .addStream(
                  s.id(),
                  new NewStream(
                      "wrist",
                      "wristband-v1",
                      "02:00:00:00:00:01",
                      List.of("accel_x", "accel_y", "accel_z", "gyro_x", "gyro_y", "gyro_z"),
                      50))
              .id();
      SampleBlock block = new SampleBlock(6, 4500);
      for (int i = 0; i < 4500; i++) {
        double t = i / 50.0;
        double curl = t >= 10 && t < 35 ? Math.sin(2 * Math.PI * t / 2.5) : 0;
        double squat = t >= 50 && t < 80 ? Math.sin(2 * Math.PI * t / 2.5) : 0;
        double noise = 0.02 * Math.sin(t * 37.0);
        block.add(
            i * 20_000_000L,
            i * 20_000L,
            new double[] {
              0.1 + 0.6 * curl + noise, 0.3 * squat, 0.98 + 0.4 * squat - 0.3 * curl,
              2.0 * Math.cos(2 * Math.PI * t / 2.5) * Math.abs(curl), noise, 0.5 * squat
            });
      }
      store.appendSamples(stream, block);
      store.addSegment(
          new Segment(0, s.id(), "Bicep curl", 10_000_000_000L, OptionalLong.of(35_000_000_000L),
              OptionalInt.of(10), false, ""));
      store.addSegment(
          new Segment(0, s.id(), "Squat", 50_000_000_000L, OptionalLong.of(80_000_000_000L),
              OptionalInt.of(12), false, ""));
      store.finishSession(s.id(), Instant.parse("2026-11-20T18:45:00Z"));
    }
    sessionsViewModel =
        new SessionsViewModel(
            () -> SessionStore.open(storeFile), () -> "sessions.db", Runnable::run, Runnable::run);
    sessionsViewModel.refresh();
    window = new MainWindow(new MainWindowViewModel(workspace, models, sessionsViewModel));
    scene = new Scene(window.root(), 1100, 760);
    stage.setScene(scene);
    stage.show();
  }

  @Test
  void everyViewIsCapturedAsPng(FxRobot robot) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Optional<Path> published = publishedDirectory();
    for (ViewId id : ViewId.values()) {
      robot.clickOn("#" + id.navigationId());
      if (id == ViewId.LIVE) {
        WaitForAsyncUtils.waitFor(
            5,
            TimeUnit.SECONDS,
            () -> window.liveView().accelerationDataSets().get(0).getDataCount() > 0);
      }
      if (id == ViewId.SESSIONS) {
        // A selected session with its sets and plot, as a user sees it after one click.
        TableView<?> sessionsTable = robot.lookup("#sessions-table").queryAs(TableView.class);
        WaitForAsyncUtils.asyncFx(() -> sessionsTable.getSelectionModel().select(0)).get();
        WaitForAsyncUtils.waitFor(
            5, TimeUnit.SECONDS, () -> sessionsViewModel.plotProperty().get().seconds().length > 0);
      }
      // Let layout, the animation timers and the charts settle before taking the picture.
      for (int i = 0; i < 10; i++) {
        WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
      }
      WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
      Path file = dir.resolve(id.name().toLowerCase(Locale.ROOT) + ".png");
      write(image, file);

      BufferedImage written = ImageIO.read(file.toFile());
      assertThat(written.getWidth()).isEqualTo(1100);
      assertThat(written.getHeight()).isEqualTo(760);
      assertThat(distinctColours(written)).as("%s has content", id).isGreaterThan(5);
      if (published.isPresent()) {
        Files.createDirectories(published.get());
        Files.copy(
            file, published.get().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * Where the README's pictures live, only when the developer asked to refresh them; checked
   * pictures are copied there after the assertions pass, so a broken view never replaces one.
   */
  private static Optional<Path> publishedDirectory() {
    if (!"update".equals(System.getProperty("imu.screenshots"))) {
      return Optional.empty();
    }
    return Optional.of(
        Path.of(System.getProperty("screenshots.update.dir", "../docs/screenshots")));
  }

  private static void write(WritableImage image, Path file) throws IOException {
    BufferedImage rgb = SwingFXUtils.fromFXImage(image, null);
    if (!ImageIO.write(rgb, "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
  }

  private static long distinctColours(BufferedImage image) {
    return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
        .filter(i -> i % 97 == 0)
        .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth()))
        .distinct()
        .count();
  }
}
