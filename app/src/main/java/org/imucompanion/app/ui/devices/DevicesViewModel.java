package org.imucompanion.app.ui.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.imucompanion.app.athlete.AthleteMotion;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.DeviceFeed;
import org.imucompanion.app.workspace.LegacyFeed;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.MyoFeed;
import org.imucompanion.app.workspace.SampleSink;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.app.workspace.WristbandFeed;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.DiscoveredDevice;
import org.imucompanion.ble.ScanFilter;
import org.imucompanion.ble.ScanListener;
import org.imucompanion.ble.ScanSession;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.models.athlete.VirtualAthlete;

/**
 * State of the Devices view: one {@link DeviceRow} per workspace device, the selected device, and
 * what to tell the user about Bluetooth. Rows follow the workspace's device list; their figures
 * change only when {@link #refresh(long)} is called (a few times a second by the view).
 */
public final class DevicesViewModel {
  private final ObservableList<DeviceRow> rows = FXCollections.observableArrayList();
  private final ObjectProperty<LiveDevice> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper bluetoothMessage = new ReadOnlyStringWrapper();
  private final ReadOnlyBooleanWrapper bluetoothAvailable = new ReadOnlyBooleanWrapper();
  private final ObservableList<DiscoveredDevice> found = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper scanStatus = new ReadOnlyStringWrapper("");
  private final Workspace workspace;
  private Executor background = Runnable::run;
  private Executor ui = Runnable::run;
  private Consumer<LiveDevice> onAdded = d -> {};
  private int virtualAdded;

  /**
   * Creates the view model over a workspace.
   *
   * @param workspace the devices and Bluetooth status
   */
  public DevicesViewModel(Workspace workspace) {
    this.workspace = Objects.requireNonNull(workspace, "workspace");
    bluetoothMessage.bind(workspace.bluetoothProperty().map(BluetoothStatus::message));
    bluetoothAvailable.bind(workspace.bluetoothProperty().map(BluetoothStatus::available));
    workspace.devices().forEach(d -> rows.add(new DeviceRow(d)));
    workspace
        .devices()
        .addListener(
            (ListChangeListener<LiveDevice>)
                change -> {
                  while (change.next()) {
                    change.getRemoved().forEach(d -> rows.removeIf(r -> r.device() == d));
                    change.getAddedSubList().forEach(d -> rows.add(new DeviceRow(d)));
                  }
                  if (selected.get() == null && !rows.isEmpty()) {
                    selected.set(rows.get(0).device());
                  }
                });
    if (!rows.isEmpty()) {
      selected.set(rows.get(0).device());
    }
  }

  /**
   * The table's rows.
   *
   * @return the rows
   */
  public ObservableList<DeviceRow> rows() {
    return rows;
  }

  /**
   * The device the other views show (the first one connected, until the user picks another).
   *
   * @return the property
   */
  public ObjectProperty<LiveDevice> selectedProperty() {
    return selected;
  }

  /**
   * What to tell the user about Bluetooth, e.g. "BlueZ not available: ...".
   *
   * @return the property
   */
  public ReadOnlyStringProperty bluetoothMessageProperty() {
    return bluetoothMessage.getReadOnlyProperty();
  }

  /**
   * Whether real devices can be scanned and connected.
   *
   * @return the property
   */
  public ReadOnlyBooleanProperty bluetoothAvailableProperty() {
    return bluetoothAvailable.getReadOnlyProperty();
  }

  /**
   * Sets where scanning and connecting run and where their results are published (the app
   * passes a background executor and the FX thread; the default runs everything in place).
   *
   * @param backgroundExecutor runs blocking BlueZ calls
   * @param uiExecutor publishes results
   * @return this
   */
  public DevicesViewModel withExecutors(Executor backgroundExecutor, Executor uiExecutor) {
    this.background = Objects.requireNonNull(backgroundExecutor, "backgroundExecutor");
    this.ui = Objects.requireNonNull(uiExecutor, "uiExecutor");
    return this;
  }

  /**
   * Devices the last scan found (supported kinds only).
   *
   * @return the list
   */
  public ObservableList<DiscoveredDevice> found() {
    return found;
  }

  /**
   * Whether a scan is running.
   *
   * @return the property
   */
  public ReadOnlyBooleanProperty scanningProperty() {
    return scanning.getReadOnlyProperty();
  }

  /**
   * What the last scan or connect did.
   *
   * @return the property
   */
  public ReadOnlyStringProperty scanStatusProperty() {
    return scanStatus.getReadOnlyProperty();
  }

  /**
   * Scans through BlueZ for supported devices.
   *
   * @param seconds how long
   * @return completes when the result is published
   */
  public CompletableFuture<Void> scan(double seconds) {
    scanning.set(true);
    scanStatus.set("Scanning…");
    CompletableFuture<Void> published = new CompletableFuture<>();
    CompletableFuture.runAsync(
        () -> {
          Map<String, DiscoveredDevice> seen = new ConcurrentSkipListMap<>();
          Runnable publish;
          try (ScanSession session =
              workspace
                  .bluez()
                  .scan(
                      ScanFilter.ANY,
                      new ScanListener() {
                        @Override
                        public void onAppeared(DiscoveredDevice d) {
                          if (DeviceKind.fromAdvertisement(d).isPresent()) {
                            seen.put(d.address(), d);
                          }
                        }

                        @Override
                        public void onUpdated(DiscoveredDevice d) {
                          onAppeared(d); // the newest RSSI
                        }
                      },
                      Runnable::run)
                  .get(10, TimeUnit.SECONDS)) {
            Thread.sleep((long) (seconds * 1000));
            List<DiscoveredDevice> result = new ArrayList<>(seen.values());
            publish = () -> {
              found.setAll(result);
              scanStatus.set("Found " + result.size() + " supported device(s).");
            };
          } catch (Exception e) {
            Throwable cause = e.getCause() != null && !(e instanceof BleException) ? e.getCause() : e;
            publish = () -> scanStatus.set("Scan failed: " + cause.getMessage());
          }
          Runnable result = publish;
          ui.execute(
              () -> {
                scanning.set(false);
                result.run();
                published.complete(null);
              });
        },
        background);
    return published;
  }

  /**
   * Connects a found device (wristband, legacy wristband or Myo) and adds it to the workspace,
   * with the signal strength its scan heard.
   *
   * @param device a device from {@link #found()}
   * @return completes when the result is published
   */
  public CompletableFuture<Void> connect(DiscoveredDevice device) {
    DeviceKind kind = DeviceKind.fromAdvertisement(device).orElse(null);
    if (kind == null) {
      scanStatus.set(device.address() + " is not a supported device.");
      return CompletableFuture.completedFuture(null);
    }
    // One row per device: it reconnects by itself, so connecting it again only selects it.
    Optional<LiveDevice> existing =
        workspace.devices().stream().filter(d -> d.address().equals(device.address())).findFirst();
    if (existing.isPresent()) {
      selected.set(existing.get());
      scanStatus.set(
          existing.get().name()
              + " is already in the workspace ("
              + existing.get().link().describe(System.nanoTime())
              + "); it reconnects by itself.");
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> published = new CompletableFuture<>();
    CompletableFuture.runAsync(
        () -> {
          Runnable publish;
          try {
            String name = device.name().orElse(device.address());
            LiveDevice live =
                DeviceFeed.start(
                    workspace.bluez(),
                    device.address(),
                    name,
                    Optional.of(kind),
                    false,
                    SampleSink.NONE);
            device.rssi().ifPresent(live::reportRssi);
            publish = () -> {
              workspace.add(live);
              onAdded.accept(live);
              scanStatus.set("Connecting " + live.name() + "…");
            };
          } catch (Exception e) {
            publish = () -> scanStatus.set("Connect failed: " + e.getMessage());
          }
          Runnable result = publish;
          ui.execute(
              () -> {
                result.run();
                published.complete(null);
              });
        },
        background);
    return published;
  }

  /**
   * Sets what happens to each device this view model adds (the app attaches the live
   * classification; tests leave it alone).
   *
   * @param onAdded called on the FX thread right after the device joined the workspace
   * @return this
   */
  public DevicesViewModel onDeviceAdded(Consumer<LiveDevice> onAdded) {
    this.onAdded = Objects.requireNonNull(onAdded, "onAdded");
    return this;
  }

  /**
   * Adds a virtual device doing a virtual athlete's workout (its own seed per device), each with
   * its own address and numbered name, and selects it. Starting one is asynchronous and never blocks (in-process transport).
   *
   * @param choice which kind
   * @return the device added
   */
  public LiveDevice addVirtual(VirtualDeviceChoice choice) {
    int number = ++virtualAdded;
    // 02:... is a locally administered address: never a real device's.
    String address = String.format(Locale.ROOT, "02:00:00:00:%02X:%02X", choice.ordinal() + 1, number & 0xFF);
    String name = choice.displayName() + " " + number;
    // Each added athlete trains differently: its own seed varies the plan, tempo and wear angle.
    MotionSource motion =
        new AthleteMotion(VirtualAthlete.of(AthleteMotion.DEMO_SEED + number));
    LiveDevice device =
        switch (choice) {
          case WRISTBAND -> WristbandFeed.startVirtual(address, name, motion);
          case MYO -> MyoFeed.startVirtual(address, name, motion, SampleSink.NONE);
          case LEGACY -> LegacyFeed.startVirtual(address, name, motion);
        };
    workspace.add(device);
    onAdded.accept(device);
    selected.set(device);
    return device;
  }

  /**
   * Disconnects a device and removes it from every view; the link is closed on the background
   * executor (a real one disconnects through D-Bus).
   *
   * @param device the device
   * @return completes when closed
   */
  public CompletableFuture<Void> disconnect(LiveDevice device) {
    workspace.remove(device);
    if (selected.get() == device) {
      selected.set(rows.isEmpty() ? null : rows.get(0).device());
    }
    return CompletableFuture.runAsync(device::close, background);
  }

  /**
   * Names who wears a device; every view shows the name from the next frame on.
   *
   * @param device the device
   * @param athlete the athlete's name (blank to clear)
   */
  public void nameAthlete(LiveDevice device, String athlete) {
    device.nameAthlete(athlete);
    rows.stream().filter(r -> r.device() == device).forEach(r -> r.refresh(System.nanoTime()));
  }

  /**
   * Re-reads every row's device.
   *
   * @param nowNanos the current {@link System#nanoTime()}
   */
  public void refresh(long nowNanos) {
    rows.forEach(r -> r.refresh(nowNanos));
  }
}
