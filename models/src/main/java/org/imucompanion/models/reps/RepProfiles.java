package org.imucompanion.models.reps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.imucompanion.models.Channels;

/**
 * The rep counter's per-exercise table: which exercises can be counted and how ({@link
 * RepProfile}). Labels that are not in the table (rest, pauses, unknown classes) are never
 * counted.
 *
 * <p>The defaults live in the resource {@code rep-profiles.properties} beside this class, as
 * {@code <exercise>.<setting>=<value>}; a model can override or add entries with custom
 * metadata {@code imu.reps.<exercise>.<setting>} ({@link #withOverrides(Map)}), so a model
 * trained on other exercises brings its own tempo ranges. Settings: {@code signal}, {@code
 * min_period_s}, {@code max_period_s}, {@code min_amplitude}, {@code hysteresis}.
 */
public final class RepProfiles {
  /** Prefix of the model metadata keys that override the table. */
  public static final String METADATA_PREFIX = "imu.reps.";
  /** Name of the bundled default table, relative to this class. */
  public static final String DEFAULT_RESOURCE = "rep-profiles.properties";

  private static final List<String> SETTINGS =
      List.of("signal", "min_period_s", "max_period_s", "min_amplitude", "hysteresis");

  private final Map<String, RepProfile> byExercise;

  private RepProfiles(Map<String, RepProfile> byExercise) {
    this.byExercise = Collections.unmodifiableMap(new LinkedHashMap<>(byExercise));
  }

  /**
   * A table of the given profiles.
   *
   * @param profiles profiles with distinct exercise names
   * @return the table
   * @throws IllegalArgumentException if two profiles name the same exercise
   */
  public static RepProfiles of(List<RepProfile> profiles) {
    Map<String, RepProfile> m = new LinkedHashMap<>();
    for (RepProfile p : profiles) {
      if (m.put(p.exercise(), p) != null) {
        throw new IllegalArgumentException("two profiles for " + p.exercise());
      }
    }
    return new RepProfiles(m);
  }

  /**
   * The bundled table.
   *
   * @return the defaults
   * @throws UncheckedIOException if the resource cannot be read (a broken build)
   */
  public static RepProfiles defaults() {
    Properties p = new Properties();
    try (InputStream in = RepProfiles.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
    }
    Map<String, String> m = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
    return of(List.of()).withEntries(m, "");
  }

  /**
   * This table with a model's overrides applied: every {@code imu.reps.<exercise>.<setting>} key
   * replaces that setting; an exercise not yet in the table must name all five settings. Other
   * keys are ignored, so the whole custom metadata of a model can be passed.
   *
   * @param metadata key to value, e.g. a model's custom metadata
   * @return the new table (this one if no key applies)
   * @throws IllegalArgumentException naming the key that is unknown, missing or out of range
   */
  public RepProfiles withOverrides(Map<String, String> metadata) {
    return withEntries(Objects.requireNonNull(metadata, "metadata"), METADATA_PREFIX);
  }

  private RepProfiles withEntries(Map<String, String> entries, String prefix) {
    Map<String, Map<String, String>> perExercise = new TreeMap<>();
    entries.forEach((key, value) -> {
      if (!key.startsWith(prefix)) {
        return;
      }
      String rest = key.substring(prefix.length());
      int dot = rest.lastIndexOf('.');
      if (dot <= 0 || !SETTINGS.contains(rest.substring(dot + 1))) {
        throw new IllegalArgumentException("rep profile key '" + key
            + "' is not <exercise>.<setting> with a setting among " + SETTINGS);
      }
      perExercise.computeIfAbsent(rest.substring(0, dot), k -> new LinkedHashMap<>())
          .put(rest.substring(dot + 1), value.trim());
    });
    if (perExercise.isEmpty()) {
      return this;
    }
    Map<String, RepProfile> m = new LinkedHashMap<>(byExercise);
    perExercise.forEach((exercise, settings) ->
        m.put(exercise, merge(exercise, Optional.ofNullable(byExercise.get(exercise)), settings,
            prefix)));
    return new RepProfiles(m);
  }

  private static RepProfile merge(String exercise, Optional<RepProfile> base,
      Map<String, String> s, String prefix) {
    List<String> signal = s.containsKey("signal")
        ? signalChannels(s.get("signal"))
        : base.map(RepProfile::signal).orElseThrow(() -> missing(prefix, exercise, "signal"));
    return new RepProfile(exercise, signal,
        number(s, "min_period_s", base.map(RepProfile::minPeriodSeconds), prefix, exercise),
        number(s, "max_period_s", base.map(RepProfile::maxPeriodSeconds), prefix, exercise),
        number(s, "min_amplitude", base.map(RepProfile::minAmplitude), prefix, exercise),
        number(s, "hysteresis", base.map(RepProfile::hysteresis), prefix, exercise));
  }

  private static double number(Map<String, String> s, String key, Optional<Double> base,
      String prefix, String exercise) {
    String v = s.get(key);
    if (v == null) {
      return base.orElseThrow(() -> missing(prefix, exercise, key));
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          prefix + exercise + "." + key + " is not a number: '" + v + "'", e);
    }
  }

  private static IllegalArgumentException missing(String prefix, String exercise, String key) {
    return new IllegalArgumentException("rep profile for new exercise " + exercise + " lacks "
        + prefix + exercise + "." + key);
  }

  /**
   * Reads a signal specification: a channel group name ({@code gravity}, {@code lin_acc},
   * {@code gyro}, {@code accel}) or comma-separated canonical channel names.
   *
   * @param spec the specification
   * @return the channel names
   * @throws IllegalArgumentException if a name is not canonical
   */
  public static List<String> signalChannels(String spec) {
    switch (spec.trim()) {
      case "gravity":
        return Channels.GRAVITY;
      case "lin_acc":
        return Channels.LIN_ACC;
      case "gyro":
        return Channels.GYRO;
      case "accel":
        return Channels.ACCEL;
      default:
        List<String> names = Arrays.stream(spec.split(",")).map(String::trim).toList();
        for (String n : names) {
          if (!Channels.isCanonical(n)) {
            throw new IllegalArgumentException("signal '" + spec
                + "' is neither gravity, lin_acc, gyro, accel nor a list of channels");
          }
        }
        return names;
    }
  }

  /**
   * The profile for a live label.
   *
   * @param label the label as the classifier or the recording spells it
   * @return its profile, or empty if the label is not a countable exercise
   */
  public Optional<RepProfile> forExercise(String label) {
    return Optional.ofNullable(byExercise.get(label));
  }

  /**
   * The countable exercises.
   *
   * @return their names, in table order
   */
  public Set<String> exercises() {
    return byExercise.keySet();
  }

  /**
   * Every profile.
   *
   * @return the profiles in table order
   */
  public List<RepProfile> profiles() {
    return List.copyOf(byExercise.values());
  }

  @Override
  public String toString() {
    return "RepProfiles" + byExercise.values();
  }
}
