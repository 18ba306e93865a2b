/**
 * IMU Companion's desktop application: the entry point of the runnable jar, which opens the
 * JavaFX dashboard when started without arguments and otherwise runs a command-line command.
 * This is the only module that wires firmware-protocol, ble-driver and models together.
 */
package org.imucompanion.app;
