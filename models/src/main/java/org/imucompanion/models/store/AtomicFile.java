package org.imucompanion.models.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that its final name only ever holds a complete file: the text goes to a new
 * hidden temporary file beside it ({@code .<name>.<random>.tmp}, created exclusively, so no
 * symbolic link is followed), is forced to disk, and is then renamed onto the final name in one
 * step. A kill at any moment leaves the final name absent (or, with {@code replace}, the previous
 * file untouched) and at most a stray temporary file; a failure deletes the temporary file.
 */
final class AtomicFile {
  /** What writes the text. */
  @FunctionalInterface
  interface Body {
    void write(Writer out) throws IOException;
  }

  private AtomicFile() {}

  static void write(Path target, boolean replace, Body body) throws SessionStoreException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path tmp = dir.resolve("." + absolute.getFileName() + "."
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8), 1 << 16)) {
        body.write(w);
        w.flush();
        ch.force(true);
      }
      if (replace) {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } else {
        // Without REPLACE_EXISTING the move refuses an existing name, then renames.
        Files.move(tmp, absolute);
      }
      done = true;
      forceDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw new SessionStoreException(SessionStoreException.Reason.INVALID_REQUEST, target,
          "already exists; not replaced unless asked to (--force)", e);
    } catch (IOException e) {
      throw new SessionStoreException(SessionStoreException.Reason.IO, target, "cannot write the CSV export: " + e.getMessage(), e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // The temporary file stays; its hidden name says what it is.
        }
      }
    }
  }

  /** Makes the rename durable; not every file system lets a directory be forced. */
  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // The file is complete either way; only the rename's durability is weaker.
    }
  }
}
