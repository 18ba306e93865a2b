package org.imucompanion.ble.bluez;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.ConnectionListener;
import org.imucompanion.ble.ConnectionState;

/** Records connection state changes and lets a test wait for one. */
final class StateLog implements ConnectionListener {

  record Change(ConnectionState state, Optional<BleException> cause) {}

  private final List<Change> changes = new ArrayList<>();

  @Override
  public synchronized void onStateChanged(ConnectionState state, Optional<BleException> cause) {
    changes.add(new Change(state, cause));
    notifyAll();
  }

  synchronized List<ConnectionState> states() {
    return changes.stream().map(Change::state).toList();
  }

  synchronized List<Change> changes() {
    return List.copyOf(changes);
  }

  synchronized Optional<Change> await(ConnectionState state, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Change c : changes) {
        if (c.state() == state) {
          return Optional.of(c);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
