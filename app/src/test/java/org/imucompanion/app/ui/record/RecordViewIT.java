package org.imucompanion.app.ui.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.WristbandFeed;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionState;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.StreamInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Record view headless (TestFX + Monocle) recording the virtual wristband into a real store
 * file capped a few pages above its schema: the disk fills while a set runs, and the view shows
 * why in a banner and is back to "Start session".
 */
@ExtendWith(ApplicationExtension.class)
class RecordViewIT {
  @TempDir static Path dir;

  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private Path file;
  private LiveDevice band;

  @Start
  void start(Stage stage) throws Exception {
    file = dir.resolve("sessions-" + System.nanoTime() + ".db");
    SessionStore.open(file).close(); // the schema alone
    long limit = Files.size(file) + 3 * 4096;
    band = WristbandFeed.startVirtual();
    RecordViewModel viewModel =
        new RecordViewModel(() -> band, () -> SessionStore.open(file, limit), background, Platform::runLater);
    viewModel.athleteProperty().set("Ann");
    RecordView view = new RecordView(viewModel, new SimpleStringProperty("Rest"));
    stage.setScene(new Scene(view.root(), 800, 400));
    stage.show();
  }

  @AfterEach
  void stop() {
    band.close();
    background.shutdown();
  }

  @Test
  void aFullDiskShowsABannerNamingTheStoreAndEndsTheSession(FxRobot robot) throws Exception {
    Label banner = robot.lookup("#record-store-problem").queryAs(Label.class);
    Button session = robot.lookup("#record-session").queryButton();
    Button set = robot.lookup("#record-set").queryButton();
    assertThat(banner.isVisible()).isFalse();

    robot.clickOn(session);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !set.isDisabled());
    robot.clickOn(set);
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, banner::isVisible);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(session.getText()).isEqualTo("Start session");
    assertThat(set.isDisabled()).isTrue();
    assertThat(set.getText()).isEqualTo("Start set");
    try (SessionStore store = SessionStore.openForReading(file)) {
      Session s = store.sessions().get(0);
      assertThat(s.state()).isEqualTo(SessionState.INTERRUPTED);
      StreamInfo stream = store.streams(s.id()).get(0);
      SampleBlock kept = store.readSamples(stream.id());
      long lost = store.gaps(stream.id()).get(0).lostSamples();
      assertThat(banner.getText())
          .isEqualTo(
              file.toAbsolutePath()
                  + ": the disk (or the store's size limit) is full: recording of session "
                  + s.id()
                  + " stopped. Session "
                  + s.id()
                  + " is marked interrupted and its set ends at the last stored sample; the "
                  + kept.size()
                  + " samples stored before are intact, "
                  + lost
                  + " later ones were not stored. Free some space and record again.");
      assertThat(robot.lookup("#record-status").queryAs(Label.class).getText())
          .isEqualTo("Recording of session " + s.id() + " stopped: " + kept.size() + " samples saved.");
    }
  }
}
