/**
 * Virtual BlueZ: a test fixture that starts a private {@code dbus-daemon} ({@link
 * org.imucompanion.ble.virtualbluez.PrivateDbusDaemon}) and exports a fake {@code org.bluez} service
 * on it ({@link org.imucompanion.ble.virtualbluez.VirtualBluez}) so that tests drive the real BlueZ
 * implementation over real D-Bus.
 *
 * <p>It imitates the behaviours of bluetoothd that client code gets wrong: {@code Connect} returns
 * before services are resolved and GATT objects only appear on first resolution; {@code RSSI}
 * disappears when discovery stops; notify sessions survive a disconnect so {@code StartNotify}
 * while disconnected fails with {@code InProgress}; values go out as {@code PropertiesChanged} on
 * {@code org.bluez.GattCharacteristic1}. Its devices ({@link
 * org.imucompanion.ble.virtualbluez.VirtualPeripheral}) are scripted by byte sources and inject
 * faults on command: drop, reorder, duplicate, corrupt, stall, disconnect, refuse a connection.
 *
 * <p>It ships in the module's test-jar so the app's tests can use it too.
 */
package org.imucompanion.ble.virtualbluez;
