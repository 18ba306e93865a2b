/**
 * Wristband protocol v1, IMU Companion's own protocol for an MPU9250 on an Arduino-class BLE board
 * (PROTOCOL.md §2): GATT UUIDs, the config and control characteristics, and data packets that batch
 * 6- or 9-axis samples as the MTU allows.
 */
package org.imucompanion.protocol.wristband;
