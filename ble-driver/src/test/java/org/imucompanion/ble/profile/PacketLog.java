package org.imucompanion.ble.profile;

import java.util.ArrayList;
import java.util.List;

/** Collects what a profile delivers. */
final class PacketLog<P> implements PacketListener<P> {

  private final List<TimedPacket<P>> packets = new ArrayList<>();
  private final List<MalformedNotification> malformed = new ArrayList<>();

  @Override
  public synchronized void onPacket(TimedPacket<P> packet) {
    packets.add(packet);
  }

  @Override
  public synchronized void onMalformed(MalformedNotification m) {
    malformed.add(m);
  }

  synchronized List<TimedPacket<P>> packets() {
    return List.copyOf(packets);
  }

  synchronized List<P> values() {
    return packets.stream().map(TimedPacket::packet).toList();
  }

  synchronized int size() {
    return packets.size();
  }

  synchronized List<MalformedNotification> malformed() {
    return List.copyOf(malformed);
  }
}
