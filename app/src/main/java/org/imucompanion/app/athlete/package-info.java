/**
 * What the app's virtual devices feel: models' {@link
 * org.imucompanion.models.athlete.VirtualAthlete} (a workout synthesized from repetition
 * templates of real recordings) or a dataset recording, adapted to ble-driver's {@link
 * org.imucompanion.ble.virtualdevice.MotionSource}, and the {@code --motion} choice that picks
 * one.
 */
package org.imucompanion.app.athlete;
