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
 * org.imucompanion.models.dataset.DatasetFormatException} naming the file and the column, as does
 * a value outside {@link org.imucompanion.models.dataset.PhysicalLimits}.
 *
 * <p>The package also holds the project's one way to read and write CSV, used by the session
 * store too: {@link org.imucompanion.models.dataset.CsvRows} reads (Apache Commons CSV, strict
 * UTF-8, rows bounded in length, errors with line numbers) and {@link
 * org.imucompanion.models.dataset.CsvText} holds the dialect, the spreadsheet-formula
 * neutralisation and the excerpts error messages may quote.
 */
package org.imucompanion.models.dataset;
