package org.imucompanion.models.export;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.imucompanion.models.Channels;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.DatasetReader;
import org.imucompanion.models.dataset.ExermoteReader;
import org.imucompanion.models.dataset.Mpu9250WristbandReader;
import org.imucompanion.models.pipeline.PipelineSettings;

/** The datasets the project knows, each with its reader and default export settings. */
public enum DatasetFormat {
  /**
   * Exermote: the default model's data. 10 Hz, gravity + linear acceleration + angular rate,
   * Burpee / Squat / Situp / Rest.
   */
  EXERMOTE("exermote") {
    @Override
    public DatasetReader reader() {
      return new ExermoteReader();
    }

    @Override
    public PipelineSettings defaultSettings() {
      return PipelineSettings.exermoteDefault();
    }

    @Override
    public ClassMapping defaultMapping(Dataset dataset) {
      return ClassMapping.exermoteDefault();
    }
  },
  /**
   * The MPU9250 wristband: about 2.86 Hz, raw accelerometer + gyroscope + magnetometer, the seven
   * activities as classes. Windows of 10 samples (3.5 s) every 2; each activity run is only 80
   * samples (28 s) long.
   */
  MPU9250_WRISTBAND("mpu9250-wristband") {
    @Override
    public DatasetReader reader() {
      return new Mpu9250WristbandReader();
    }

    @Override
    public PipelineSettings defaultSettings() {
      double rate = 1.0 / Mpu9250WristbandReader.DEFAULT_POLL_PERIOD_SECONDS;
      return new PipelineSettings(rate, rate, 0.0, 4, 20.0, 90.0, 2, 5.0, 0.1, 1.0, 10, 2,
          Stream.of(Channels.ACCEL, Channels.GYRO, Channels.MAG).flatMap(List::stream).toList());
    }

    @Override
    public ClassMapping defaultMapping(Dataset dataset) {
      List<String> labels = dataset.recordings().stream()
          .flatMap(r -> r.labelNames().stream()).distinct().toList();
      return ClassMapping.identity(labels);
    }
  };

  private final String id;

  DatasetFormat(String id) {
    this.id = id;
  }

  /**
   * The name used on the command line and in {@code meta.json}.
   *
   * @return e.g. {@code exermote}
   */
  public String id() {
    return id;
  }

  /**
   * A reader for this dataset.
   *
   * @return a new reader
   */
  public abstract DatasetReader reader();

  /**
   * The pipeline settings a model for this dataset uses unless told otherwise.
   *
   * @return the settings
   */
  public abstract PipelineSettings defaultSettings();

  /**
   * The default label to class mapping.
   *
   * @param dataset the dataset as read (the wristband's classes are its labels in order)
   * @return the mapping
   */
  public abstract ClassMapping defaultMapping(Dataset dataset);

  /**
   * Looks a format up by its id.
   *
   * @param id e.g. {@code exermote} (case-insensitive)
   * @return the format, or empty if unknown
   */
  public static Optional<DatasetFormat> byId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst();
  }
}
