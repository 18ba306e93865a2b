/**
 * The {@link org.imucompanion.ble.BleTransport} on BlueZ over D-Bus (bluez-dbus 0.3.1 for the
 * {@code org.bluez} interface types, dbus-java 5.1.0 for the bus).
 *
 * <p>It does not use bluez-dbus's static {@code DeviceManager}: a singleton would allow one bus per
 * JVM (tests run a fake BlueZ and the client side by side), its scan sleeps for the whole timeout,
 * and its {@code connect()} swallows failures. Instead it talks to {@code org.bluez} through the
 * ObjectManager and the typed interfaces, on its own unshared connection.
 *
 * <p>Threading: the D-Bus signal thread only copies a value and {@link System#nanoTime()} into the
 * connection's bounded {@link org.imucompanion.ble.bluez.DeliveryLane} (drop-oldest, counted); a
 * worker per connection hands notifications and state changes to the caller's executor; blocking
 * D-Bus calls run on the transport's own call threads, never on the caller's.
 */
package org.imucompanion.ble.bluez;
