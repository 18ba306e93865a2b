package org.imucompanion.models.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Maps a dataset's labels onto a model's classes, e.g. Exermote's {@code Break} and {@code
 * setBreak} both onto {@code Rest}. A label that maps to no class is left out of the export.
 *
 * @param classes the model's classes, in output order
 * @param labelToClass dataset label to class name (every value is one of {@code classes})
 * @param restClass the class that means "not exercising", if any
 */
public record ClassMapping(
    List<String> classes, Map<String, String> labelToClass, Optional<String> restClass) {

  /** Validates that every mapped class exists. */
  public ClassMapping {
    classes = List.copyOf(classes);
    labelToClass = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labelToClass));
    Objects.requireNonNull(restClass, "restClass");
    if (classes.isEmpty() || classes.stream().distinct().count() != classes.size()) {
      throw new IllegalArgumentException("classes must be non-empty and distinct: " + classes);
    }
    for (Map.Entry<String, String> e : labelToClass.entrySet()) {
      if (!classes.contains(e.getValue())) {
        throw new IllegalArgumentException("label " + e.getKey() + " maps to unknown class "
            + e.getValue() + "; classes are " + classes);
      }
    }
    if (restClass.isPresent() && !classes.contains(restClass.get())) {
      throw new IllegalArgumentException(
          "rest class " + restClass.get() + " is not one of " + classes);
    }
  }

  /**
   * The default model's mapping for Exermote: Burpee, Squat, Situp, and Rest for both kinds of
   * pause.
   *
   * @return the mapping
   */
  public static ClassMapping exermoteDefault() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Burpee", "Burpee");
    m.put("Squat", "Squat");
    m.put("Situp", "Situp");
    m.put("Break", "Rest");
    m.put("setBreak", "Rest");
    return new ClassMapping(List.of("Burpee", "Squat", "Situp", "Rest"), m, Optional.of("Rest"));
  }

  /**
   * Every label is its own class, in the given order.
   *
   * @param labels the dataset's labels
   * @return the mapping, without a rest class
   */
  public static ClassMapping identity(List<String> labels) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String l : labels) {
      m.put(l, l);
    }
    return new ClassMapping(labels, m, Optional.empty());
  }

  /**
   * Parses {@code label=class} pairs separated by commas, e.g. {@code
   * Burpee=Burpee,Break=Rest,setBreak=Rest}. Classes are ordered by first appearance.
   *
   * @param spec the pairs
   * @param restClass the rest class, or null for none
   * @return the mapping
   * @throws IllegalArgumentException if a pair has no {@code =}
   */
  public static ClassMapping parse(String spec, String restClass) {
    Map<String, String> m = new LinkedHashMap<>();
    List<String> classes = new ArrayList<>();
    for (String pair : spec.split(",")) {
      String p = pair.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        throw new IllegalArgumentException("class mapping '" + p + "' is not label=class");
      }
      String cls = p.substring(eq + 1).trim();
      m.put(p.substring(0, eq).trim(), cls);
      if (!classes.contains(cls)) {
        classes.add(cls);
      }
    }
    return new ClassMapping(classes, m, Optional.ofNullable(restClass));
  }

  /**
   * The class index of a dataset label.
   *
   * @param label a dataset label
   * @return its class index, or empty if the label is not exported
   */
  public OptionalInt classIndex(String label) {
    String cls = labelToClass.get(label);
    return cls == null ? OptionalInt.empty() : OptionalInt.of(classes.indexOf(cls));
  }
}
