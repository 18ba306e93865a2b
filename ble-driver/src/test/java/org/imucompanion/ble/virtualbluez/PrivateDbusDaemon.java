package org.imucompanion.ble.virtualbluez;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code dbus-daemon} (session configuration) on a unix socket in its own directory. The
 * stock session configuration lets any user own {@code org.bluez}, which is what a fake BlueZ needs;
 * the native transport of dbus-java needs a {@code unix:path=} address, not an abstract socket.
 */
public final class PrivateDbusDaemon implements AutoCloseable {

  private final Path directory;
  private final String address;
  private final long pid;
  private final Thread killOnExit;
  private boolean closed;

  private PrivateDbusDaemon(Path directory, String address, long pid) {
    this.directory = directory;
    this.address = address;
    this.pid = pid;
    // If a test JVM dies without @AfterAll, the forked daemon must not outlive it.
    this.killOnExit = new Thread(this::kill, "kill-dbus-daemon-" + pid);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * Starts a daemon whose socket lives in a fresh directory under {@code parent}.
   *
   * @param parent where to make the daemon's directory (one per test class)
   * @return the running daemon
   * @throws IOException if {@code dbus-daemon} is missing or does not start
   */
  public static PrivateDbusDaemon start(Path parent) throws IOException {
    Files.createDirectories(parent);
    Path dir = Files.createTempDirectory(parent, "dbus-");
    Path socket = dir.resolve("bus.sock");
    Optional<Path> exe = findExecutable("dbus-daemon");
    if (exe.isEmpty()) {
      throw new IOException(
          "dbus-daemon not found on PATH: the virtual BlueZ tests need a real D-Bus daemon."
              + " Install the Debian package 'dbus' (apt-get install dbus).");
    }
    Process p =
        new ProcessBuilder(
                exe.get().toString(),
                "--session",
                "--address=unix:path=" + socket,
                "--print-address",
                "--fork",
                "--print-pid",
                "--nopidfile")
            .redirectErrorStream(true)
            .start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("dbus-daemon failed to start: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting dbus-daemon", e);
    }
    List<String> lines = out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (lines.size() < 2) {
      throw new IOException("unexpected dbus-daemon output: " + out);
    }
    String address = lines.get(0);
    long pid = Long.parseLong(lines.get(1));
    // The client transport wants exactly unix:path=...; drop the ,guid=... suffix.
    int comma = address.indexOf(',');
    String plain = comma < 0 ? address : address.substring(0, comma);
    return new PrivateDbusDaemon(dir, plain, pid);
  }

  private static Optional<Path> findExecutable(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String d : (path + ":/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(d, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the bus address to connect to.
   *
   * @return {@code unix:path=<dir>/bus.sock}
   */
  public String address() {
    return address;
  }

  /**
   * Returns the daemon's process id.
   *
   * @return the pid printed by the daemon
   */
  public long pid() {
    return pid;
  }

  /**
   * Returns the directory that holds the socket.
   *
   * @return the daemon's directory
   */
  public Path directory() {
    return directory;
  }

  private void kill() {
    ProcessHandle.of(pid)
        .ifPresent(
            h -> {
              h.destroy();
              try {
                h.onExit().get(5, TimeUnit.SECONDS);
              } catch (Exception e) {
                h.destroyForcibly();
              }
            });
  }

  /** Stops the daemon by its pid. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    kill();
    try (var files = Files.list(directory)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // a leftover socket file in a temp directory is harmless
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or will run; nothing to undo
    }
  }
}
