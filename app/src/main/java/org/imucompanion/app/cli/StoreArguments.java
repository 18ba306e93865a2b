package org.imucompanion.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.SessionStoreException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Opens the session store named by {@code --store}, or the user's default one: for writing
 * (import, record), which checks the file for damage first, or for reading only (export), which
 * never creates or changes anything.
 */
final class StoreArguments {
  private StoreArguments() {}

  /**
   * Opens a store for writing.
   *
   * @param file the {@code --store} value, or null for the default location
   * @return the open store (the caller closes it)
   */
  static SessionStore open(Path file) {
    return open(file, 0);
  }

  /**
   * Opens a store for writing with a cap on its size.
   *
   * @param file the {@code --store} value, or null for the default location
   * @param maxBytes the most the file may grow to ({@link SessionStore#open(Path, long)}), 0 for
   *     no cap
   * @return the open store (the caller closes it)
   */
  static SessionStore open(Path file, long maxBytes) {
    Path where = file == null ? SessionStore.defaultLocation() : file;
    try {
      return SessionStore.open(where, maxBytes);
    } catch (SessionStoreException e) {
      throw failure(e);
    }
  }

  /**
   * Opens an existing store for a command that only reads.
   *
   * @param file the {@code --store} value, or null for the default location
   * @return the store opened read-only (the caller closes it)
   */
  static SessionStore openForReading(Path file) {
    Path where = file == null ? SessionStore.defaultLocation() : file;
    try {
      return SessionStore.openForReading(where);
    } catch (SessionStoreException e) {
      throw failure(e);
    }
  }

  private static CommandFailedException failure(SessionStoreException e) {
    // The exception's message starts with the file's absolute path already.
    return new CommandFailedException("cannot open the session store " + e.getMessage(), e);
  }

  /**
   * Reads a size such as {@code 500M}, {@code 64K}, {@code 2G} or plain bytes (powers of 1024).
   */
  static final class SizeConverter implements ITypeConverter<Long> {
    /**
     * Converts an option value.
     *
     * @param value what the user typed
     * @return the size in bytes
     * @throws TypeConversionException naming the value if it is not a positive size
     */
    @Override
    public Long convert(String value) {
      String v = value.trim().toUpperCase(Locale.ROOT);
      long unit = 1;
      if (v.endsWith("K") || v.endsWith("M") || v.endsWith("G")) {
        unit = switch (v.charAt(v.length() - 1)) {
          case 'K' -> 1L << 10;
          case 'M' -> 1L << 20;
          default -> 1L << 30;
        };
        v = v.substring(0, v.length() - 1);
      }
      try {
        long n = Long.parseLong(v);
        if (n <= 0) {
          throw new TypeConversionException("'" + value + "' is not a positive size");
        }
        return Math.multiplyExact(n, unit);
      } catch (NumberFormatException | ArithmeticException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a size (bytes, or a number followed by K, M or G)");
      }
    }
  }
}
