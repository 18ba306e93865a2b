package org.imucompanion.ble.virtualdevice;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.NotificationListener;

/** Keeps every notification a listener gets, in order, for tests. */
final class NotificationLog implements NotificationListener {

  private final List<Notification> received = new ArrayList<>();

  @Override
  public synchronized void onNotification(Notification notification) {
    received.add(notification);
  }

  synchronized List<Notification> all() {
    return List.copyOf(received);
  }

  synchronized List<Notification> of(UUID characteristic) {
    return received.stream().filter(n -> n.characteristic().equals(characteristic)).toList();
  }

  synchronized int size() {
    return received.size();
  }
}
