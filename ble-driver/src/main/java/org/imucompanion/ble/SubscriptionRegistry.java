package org.imucompanion.ble;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners one connection holds, per characteristic: the bookkeeping every {@link
 * BleConnection} implementation needs the same way (BlueZ, virtual devices), kept in one place so
 * that what "closed", "last one gone" and "link dropped" mean cannot drift between them.
 *
 * <p>A connection adds a listener under its own lock and gets the {@link Subscription} to hand out;
 * when that subscription is closed the registry calls the connection back once, and the connection
 * asks {@link #remove} whether it was the last listener of its characteristic (then it stops the
 * device notifying). When the link drops, {@link #deactivateAll} silences every listener at once, so
 * a dead connection can never call anybody again. For transports; applications use {@link
 * BleConnection#subscribe}.
 */
public final class SubscriptionRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRegistry.class);

  private final String address;
  private final Consumer<Entry> onClose;
  private final Map<UUID, List<Entry>> byCharacteristic = new ConcurrentHashMap<>();

  /**
   * Makes an empty registry.
   *
   * @param address the device's address, for log messages
   * @param onClose called once for each subscription its holder closes (not for {@link
   *     #deactivateAll}); it should {@link #remove} the entry and act if it was the last
   */
  public SubscriptionRegistry(String address, Consumer<Entry> onClose) {
    this.address = Objects.requireNonNull(address, "address");
    this.onClose = Objects.requireNonNull(onClose, "onClose");
  }

  /**
   * Adds a listener of one characteristic.
   *
   * @param characteristic the characteristic's UUID
   * @param listener called by {@link Entry#deliver} while the subscription is active
   * @return the active subscription
   */
  public Entry add(UUID characteristic, NotificationListener listener) {
    Entry e = new Entry(characteristic, listener);
    byCharacteristic.computeIfAbsent(characteristic, k -> new CopyOnWriteArrayList<>()).add(e);
    return e;
  }

  /**
   * Tells whether any listener of a characteristic is registered.
   *
   * @param characteristic the characteristic's UUID
   * @return true while at least one is
   */
  public boolean has(UUID characteristic) {
    return byCharacteristic.containsKey(characteristic);
  }

  /**
   * Returns the characteristics that have listeners.
   *
   * @return a snapshot
   */
  public java.util.Set<UUID> characteristics() {
    return java.util.Set.copyOf(byCharacteristic.keySet());
  }

  /**
   * Silences and forgets the listeners of one characteristic (it is gone from the device).
   *
   * @param characteristic the characteristic's UUID
   */
  public void deactivate(UUID characteristic) {
    List<Entry> l = byCharacteristic.remove(characteristic);
    if (l != null) {
      l.forEach(e -> e.active = false);
    }
  }

  /**
   * Returns the registered listeners of a characteristic, in the order they subscribed. Called
   * once per notification, so it copies nothing: the list is copy-on-write and iterating it sees
   * the listeners of the moment iteration began.
   *
   * @param characteristic the characteristic's UUID
   * @return a read-only view, empty if none
   */
  public List<Entry> of(UUID characteristic) {
    List<Entry> l = byCharacteristic.get(characteristic);
    return l == null ? List.of() : java.util.Collections.unmodifiableList(l);
  }

  /**
   * Removes one entry.
   *
   * @param entry a closed entry of this registry
   * @return true if it was the last listener of its characteristic
   */
  public boolean remove(Entry entry) {
    List<Entry> l = byCharacteristic.get(entry.characteristic);
    if (l == null || !l.remove(entry) || !l.isEmpty()) {
      return false;
    }
    byCharacteristic.remove(entry.characteristic, l);
    return true;
  }

  /** Silences and forgets every listener: the link is gone, nothing may be delivered any more. */
  public void deactivateAll() {
    for (List<Entry> l : byCharacteristic.values()) {
      l.forEach(e -> e.active = false);
    }
    byCharacteristic.clear();
  }

  /** One listener of one characteristic; the {@link Subscription} its holder closes. */
  public final class Entry implements Subscription {
    private final UUID characteristic;
    private final NotificationListener listener;
    private volatile boolean active = true;

    private Entry(UUID characteristic, NotificationListener listener) {
      this.characteristic = characteristic;
      this.listener = listener;
    }

    /**
     * Hands a notification to the listener if the subscription is still active; a listener that
     * throws is logged and does not keep the next listener from its notification.
     *
     * @param n the notification
     */
    public void deliver(Notification n) {
      if (!active) {
        return;
      }
      try {
        listener.onNotification(n);
      } catch (RuntimeException e) {
        LOG.warn("notification listener of {} failed", address, e);
      }
    }

    @Override
    public UUID characteristic() {
      return characteristic;
    }

    @Override
    public boolean isActive() {
      return active;
    }

    @Override
    public void close() {
      if (active) {
        active = false;
        onClose.accept(this);
      }
    }
  }
}
