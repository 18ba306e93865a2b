package org.imucompanion.app.ui.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The model card's headline figures for the bundled models, keyed by model file SHA-256: a
 * figure measured on one file must never be shown next to another, so a retrained or foreign
 * model simply has none.
 */
public final class ModelCard {
  private static final String RESOURCE = "model-cards.properties";
  private static final Properties FIGURES = load();

  private ModelCard() {}

  /**
   * The figures measured on the model file with this SHA-256.
   *
   * @param sha256 the file's SHA-256 in hex (either case)
   * @return the model card's headline figures, or empty if the file is not a bundled model
   */
  public static Optional<String> figuresFor(String sha256) {
    return Optional.ofNullable(FIGURES.getProperty(sha256.toLowerCase(Locale.ROOT)));
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = ModelCard.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the app jar");
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
    return p;
  }
}
