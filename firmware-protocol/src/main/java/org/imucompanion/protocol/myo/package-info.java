/**
 * The Myo armband's protocol as published in Thalmic's {@code myohw.h} (PROTOCOL.md §4): UUIDs,
 * IMU and EMG values, commands, firmware info and version, classifier events and battery level.
 */
package org.imucompanion.protocol.myo;
