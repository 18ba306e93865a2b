package org.imucompanion.app.ui.devices;

import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.imucompanion.app.buffer.SampleWindow;
import org.imucompanion.app.workspace.HealthSummary;
import org.imucompanion.app.workspace.LiveDevice;

/** One line of the Devices table, refreshed from its device by {@link #refresh()}. */
public final class DeviceRow {
  /** A stream is called stalled when nothing arrived for this long. */
  static final long STALL_NANOS = 2_000_000_000L;

  private final LiveDevice device;
  private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper kind = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper athlete = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper battery = new ReadOnlyStringWrapper("—");
  private final ReadOnlyStringWrapper rssi = new ReadOnlyStringWrapper("—");
  private final ReadOnlyStringWrapper firmware = new ReadOnlyStringWrapper("—");

  /**
   * Creates a row for a device.
   *
   * @param device the device
   */
  public DeviceRow(LiveDevice device) {
    this.device = Objects.requireNonNull(device, "device");
    name.set(device.name());
    kind.set(device.kind());
  }

  /**
   * Returns the device shown.
   *
   * @return the device
   */
  public LiveDevice device() {
    return device;
  }

  /**
   * The device's name.
   *
   * @return the property
   */
  public ReadOnlyStringProperty nameProperty() {
    return name.getReadOnlyProperty();
  }

  /**
   * The device's kind.
   *
   * @return the property
   */
  public ReadOnlyStringProperty kindProperty() {
    return kind.getReadOnlyProperty();
  }

  /**
   * Who wears the device.
   *
   * @return the property
   */
  public ReadOnlyStringProperty athleteProperty() {
    return athlete.getReadOnlyProperty();
  }

  /**
   * The signal strength its scan heard, e.g. {@code -60 dBm}, or a dash (virtual devices).
   *
   * @return the property
   */
  public ReadOnlyStringProperty rssiProperty() {
    return rssi.getReadOnlyProperty();
  }

  /**
   * The battery level, e.g. {@code 64 %}, or a dash until read.
   *
   * @return the property
   */
  public ReadOnlyStringProperty batteryProperty() {
    return battery.getReadOnlyProperty();
  }

  /**
   * The firmware version the device reported, or a dash.
   *
   * @return the property
   */
  public ReadOnlyStringProperty firmwareProperty() {
    return firmware.getReadOnlyProperty();
  }

  /**
   * The link state, and the last problem if there is one.
   *
   * @return the property
   */
  public ReadOnlyStringProperty stateProperty() {
    return state.getReadOnlyProperty();
  }

  /**
   * The stream health at a glance: rate, samples, stalled or not.
   *
   * @return the property
   */
  public ReadOnlyStringProperty healthProperty() {
    return health.getReadOnlyProperty();
  }

  /**
   * Re-reads the device's state and samples.
   *
   * @param nowNanos the current {@link System#nanoTime()}, to tell a stalled stream
   */
  public void refresh(long nowNanos) {
    athlete.set(device.athlete());
    battery.set(
        device.batteryPercent().isPresent() ? device.batteryPercent().getAsInt() + " %" : "—");
    rssi.set(device.rssi().isPresent() ? device.rssi().getAsInt() + " dBm" : "—");
    firmware.set(device.firmwareVersion().orElse("—"));
    state.set(device.describeLink(nowNanos));
    SampleWindow lastSecond = device.imuSamples().latest(1_000_000_000L);
    if (lastSecond.count() == 0) {
      health.set("no samples yet");
    } else if (nowNanos - lastSecond.newestHostTimeNanos() > STALL_NANOS) {
      health.set(
          String.format(
              Locale.ROOT,
              "stalled: nothing for %.1f s",
              (nowNanos - lastSecond.newestHostTimeNanos()) / 1e9));
    } else if (device.health().isPresent()) {
      health.set(HealthSummary.oneLine(device.health().get().snapshot(nowNanos)));
    } else {
      double rate = lastSecond.samplesPerSecond();
      health.set(
          String.format(
              Locale.ROOT,
              "%s · %,d samples",
              Double.isNaN(rate) ? "rate unknown" : String.format(Locale.ROOT, "%.0f Hz", rate),
              lastSecond.totalWritten()));
    }
  }
}
