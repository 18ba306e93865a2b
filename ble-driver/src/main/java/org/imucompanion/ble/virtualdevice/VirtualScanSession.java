package org.imucompanion.ble.virtualdevice;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.imucompanion.ble.DiscoveredDevice;
import org.imucompanion.ble.ScanFilter;
import org.imucompanion.ble.ScanListener;
import org.imucompanion.ble.ScanSession;

/** A scan of a {@link VirtualTransport}: reports devices as they come in and out of range. */
final class VirtualScanSession implements ScanSession {

  private final VirtualTransport transport;
  private final ScanFilter filter;
  private final ScanListener listener;
  private final OrderedDelivery delivery;
  private final Map<String, DiscoveredDevice> seen = new ConcurrentHashMap<>();
  private volatile boolean closed;

  VirtualScanSession(
      VirtualTransport transport, ScanFilter filter, ScanListener listener, Executor executor) {
    this.transport = transport;
    this.filter = filter;
    this.listener = listener;
    this.delivery = new OrderedDelivery(executor, Integer.MAX_VALUE);
  }

  void appeared(VirtualDevice device) {
    DiscoveredDevice d = VirtualTransport.discovered(device);
    if (closed || !filter.matches(d)) {
      return;
    }
    seen.put(d.address(), d);
    delivery.post(
        () -> {
          if (!closed) {
            listener.onAppeared(d);
          }
        });
  }

  void disappeared(VirtualDevice device) {
    if (closed || seen.remove(device.address()) == null) {
      return;
    }
    delivery.post(
        () -> {
          if (!closed) {
            listener.onDisappeared(device.address());
          }
        });
  }

  @Override
  public List<DiscoveredDevice> devices() {
    return List.copyOf(seen.values());
  }

  @Override
  public void close() {
    closed = true;
    delivery.close();
    transport.forget(this);
  }
}
