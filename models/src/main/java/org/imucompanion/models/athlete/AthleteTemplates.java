package org.imucompanion.models.athlete;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Every exercise's repetition template plus the rest template: the derived statistics the virtual
 * athlete performs from, stored as a small properties text (a few KB, no recording in it).
 *
 * @param source where the statistics were derived from, for provenance
 * @param exercises one template per exercise, in class order
 * @param rest the rest between sets
 */
public record AthleteTemplates(String source, List<ExerciseTemplate> exercises, RestTemplate rest) {

  /** Class-path location of the shipped templates. */
  public static final String RESOURCE =
      "/org/imucompanion/models/athlete/athlete-templates.properties";

  /** The shape channels' names, in {@link ExerciseTemplate#shape()} order. */
  public static final List<String> SHAPE_CHANNELS =
      List.of("gravity_x", "gravity_y", "gravity_z", "lin_acc_x", "lin_acc_y", "lin_acc_z",
          "gyro_x", "gyro_y", "gyro_z");

  /**
   * Copies the list and checks there is at least one exercise.
   *
   * @param source see {@link #source()}
   * @param exercises see {@link #exercises()}
   * @param rest see {@link #rest()}
   */
  public AthleteTemplates {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rest, "rest");
    exercises = List.copyOf(exercises);
    if (exercises.isEmpty()) {
      throw new IllegalArgumentException("at least one exercise template");
    }
  }

  /**
   * The template of one exercise.
   *
   * @param exercise class name
   * @return the template, or empty if there is none
   */
  public Optional<ExerciseTemplate> exercise(String exercise) {
    return exercises.stream().filter(e -> e.exercise().equals(exercise)).findFirst();
  }

  /**
   * The templates that ship with the models module.
   *
   * @return the templates
   * @throws IllegalStateException if the resource is missing or unreadable (a broken build)
   */
  public static AthleteTemplates shipped() {
    try (InputStream in = AthleteTemplates.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Reads templates written by {@link #write(Writer)}.
   *
   * @param reader the text
   * @return the templates
   * @throws IOException if the text cannot be read
   * @throws IllegalArgumentException naming the key that is missing or unreadable
   */
  public static AthleteTemplates read(Reader reader) throws IOException {
    Properties p = new Properties();
    p.load(reader);
    List<ExerciseTemplate> list = new ArrayList<>();
    for (String name : value(p, "exercises").split(",")) {
      String e = name.trim();
      double[][] shape = new double[ExerciseTemplate.CHANNELS][];
      for (int c = 0; c < shape.length; c++) {
        shape[c] = numbers(p, e + ".shape." + SHAPE_CHANNELS.get(c));
      }
      list.add(new ExerciseTemplate(e, shape,
          number(p, e + ".first_half_share"),
          (int) number(p, e + ".rep_count"),
          number(p, e + ".duration_mean_s"),
          number(p, e + ".duration_sd_s"),
          number(p, e + ".amplitude_sd"),
          number(p, e + ".pause_mean_s"),
          number(p, e + ".pause_sd_s"),
          numbers(p, e + ".pause_gravity"),
          (int) number(p, e + ".min_reps"),
          (int) number(p, e + ".max_reps"),
          numbers(p, e + ".noise_sd"),
          numbers(p, e + ".energy_gain")));
    }
    RestTemplate rest = new RestTemplate(
        numbers(p, "rest.gravity"),
        numbers(p, "rest.noise_sd"),
        number(p, "rest.duration_mean_s"),
        number(p, "rest.duration_sd_s"),
        number(p, "orientation_spread_rad"));
    return new AthleteTemplates(p.getProperty("source", ""), list, rest);
  }

  /**
   * Writes the templates as properties text, keys in a stable order.
   *
   * @param out where to write
   * @param command the command that produced them, written as a comment for provenance
   * @throws IOException if writing fails
   */
  public void write(Writer out, String command) throws IOException {
    out.write("# Virtual athlete templates: derived statistics only (averaged, time-normalized\n");
    out.write("# repetition shapes and variation figures), no recorded rows.\n");
    out.write("# Produced by: " + command + "\n");
    out.write("# Shapes: gravity (g, up), lin_acc (g), gyro (rad/s), device frame, points over\n");
    out.write("# one repetition from the start of its first half to the end of its second half.\n");
    line(out, "source", source.replace('\n', ' '));
    line(out, "exercises",
        exercises.stream().map(ExerciseTemplate::exercise).collect(Collectors.joining(",")));
    line(out, "orientation_spread_rad", fmt(rest.orientationSpreadRad()));
    line(out, "rest.gravity", fmt(rest.gravity()));
    line(out, "rest.noise_sd", fmt(rest.noiseSd()));
    line(out, "rest.duration_mean_s", fmt(rest.durationMean()));
    line(out, "rest.duration_sd_s", fmt(rest.durationSd()));
    for (ExerciseTemplate e : exercises) {
      String k = e.exercise();
      out.write("\n");
      line(out, k + ".rep_count", Integer.toString(e.repCount()));
      line(out, k + ".first_half_share", fmt(e.firstHalfShare()));
      line(out, k + ".duration_mean_s", fmt(e.durationMean()));
      line(out, k + ".duration_sd_s", fmt(e.durationSd()));
      line(out, k + ".amplitude_sd", fmt(e.amplitudeSd()));
      line(out, k + ".pause_mean_s", fmt(e.pauseMean()));
      line(out, k + ".pause_sd_s", fmt(e.pauseSd()));
      line(out, k + ".pause_gravity", fmt(e.pauseGravity()));
      line(out, k + ".min_reps", Integer.toString(e.minReps()));
      line(out, k + ".max_reps", Integer.toString(e.maxReps()));
      line(out, k + ".noise_sd", fmt(e.noiseSd()));
      line(out, k + ".energy_gain", fmt(e.energyGain()));
      for (int c = 0; c < ExerciseTemplate.CHANNELS; c++) {
        line(out, k + ".shape." + SHAPE_CHANNELS.get(c), fmt(e.shape()[c]));
      }
    }
    out.flush();
  }

  private static void line(Writer out, String key, String value) throws IOException {
    out.write(key + "=" + value + "\n");
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String fmt(double[] v) {
    return Arrays.stream(v).mapToObj(AthleteTemplates::fmt).collect(Collectors.joining(","));
  }

  private static String value(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("athlete template key '" + key + "' is missing");
    }
    return v.trim();
  }

  private static double number(Properties p, String key) {
    try {
      return Double.parseDouble(value(p, key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("athlete template key '" + key + "' is not a number", e);
    }
  }

  private static double[] numbers(Properties p, String key) {
    try {
      return Arrays.stream(value(p, key).split(",")).map(String::trim)
          .mapToDouble(Double::parseDouble).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("athlete template key '" + key + "' has a non-number", e);
    }
  }
}
