package org.imucompanion.ble.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamHealthBoardTest {

  private static final UUID A = UUID.fromString("0000aaaa-0000-1000-8000-00805f9b34fb");
  private static final UUID B = UUID.fromString("0000bbbb-0000-1000-8000-00805f9b34fb");

  @Test
  void tracksEachStreamOnceAndListsThemInOrder() {
    StreamHealthBoard board = new StreamHealthBoard();
    StreamKey wristband = new StreamKey("AA:00:00:00:00:02", A);
    StreamKey myoImu = new StreamKey("AA:00:00:00:00:01", B);
    StreamKey myoEmg = new StreamKey("AA:00:00:00:00:01", A);
    StreamHealth w = board.track(wristband, NominalRate.ofSamples(50, 1), true);
    assertThat(board.track(wristband, NominalRate.ofSamples(100, 1), false))
        .as("an existing stream keeps its tracker (and its counts) across reconnects")
        .isSameAs(w);
    board.track(myoImu, NominalRate.ofSamples(50, 1), false).recordPacket(0, 20, 1);
    board.track(myoEmg, NominalRate.ofSamples(200, 2), false);
    w.recordPacket(0, 20, 7, 1);

    var snapshots = board.snapshots(1_000_000);
    assertThat(snapshots)
        .extracting(StreamHealthSnapshot::stream)
        .containsExactly(myoEmg, myoImu, wristband);
    assertThat(snapshots.get(2).lossInferred()).isFalse();
    assertThat(snapshots.get(1).lossInferred()).isTrue();
    assertThat(snapshots.get(2).cumulative().packets()).isEqualTo(1);

    assertThat(board.remove(myoEmg)).isPresent();
    assertThat(board.get(myoEmg)).isEmpty();
    assertThat(board.snapshots(0)).hasSize(2);
  }
}
