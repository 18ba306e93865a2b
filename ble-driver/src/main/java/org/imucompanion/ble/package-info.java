/**
 * The BLE transport seam: one small asynchronous interface ({@link org.imucompanion.ble.BleTransport},
 * {@link org.imucompanion.ble.BleConnection}) that every source of notifications plugs into: BlueZ
 * over D-Bus, in-process virtual devices and capture replay.
 *
 * <p>Everything that can block returns a {@link java.util.concurrent.CompletableFuture}; every
 * callback is delivered on an {@link java.util.concurrent.Executor} the caller passes in, so a UI
 * can pass its own thread's executor and a command-line tool a direct one. Failures the user can act
 * on are one checked type, {@link org.imucompanion.ble.BleException}, with a reason.
 */
package org.imucompanion.ble;
