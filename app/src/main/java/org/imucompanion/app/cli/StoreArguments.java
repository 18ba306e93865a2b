package org.imucompanion.app.cli;

import java.nio.file.Path;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.SessionStoreException;

/** Opens the session store named by {@code --store}, or the user's default one. */
final class StoreArguments {
  private StoreArguments() {}

  /**
   * Opens a store.
   *
   * @param file the {@code --store} value, or null for the default location
   * @return the open store (the caller closes it)
   */
  static SessionStore open(Path file) {
    try {
      return file == null ? SessionStore.openDefault() : SessionStore.open(file);
    } catch (SessionStoreException e) {
      throw new CommandFailedException(
          "cannot open the session store "
              + (file == null ? SessionStore.defaultLocation() : file)
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
