/**
 * Readers that turn published recordings of people exercising into {@link
 * org.imucompanion.models.Recording}s in canonical channels and units: the Exermote phone-on-arm
 * recordings ({@link org.imucompanion.models.dataset.ExermoteReader}) and the MPU9250 wristband
 * recordings ({@link org.imucompanion.models.dataset.Mpu9250WristbandReader}).
 *
 * <p>The data has no licence, so it is never part of the repository: every reader takes the
 * directory as an argument. Real files have flaws (empty cells in a session's first row, the odd
 * unparsable number); readers repair or drop such rows and report each one in the {@link
 * org.imucompanion.models.dataset.Dataset} they return, instead of crashing on them or silently
 * hiding them. A file whose columns are wrong is a different matter: that fails with a {@link
 * org.imucompanion.models.dataset.DatasetFormatException} naming the file and the column.
 */
package org.imucompanion.models.dataset;
