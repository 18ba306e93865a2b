package org.imucompanion.app.workspace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.imucompanion.ble.profile.ProfileSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A profile's session together with what a feed opened beside it on the same connection (the raw
 * subscriptions the Inspector reads): closing it closes everything, newest first, without throwing.
 */
final class HeldSession implements ProfileSession {
  private static final Logger LOG = LoggerFactory.getLogger(HeldSession.class);

  private final List<AutoCloseable> held = Collections.synchronizedList(new ArrayList<>());
  private volatile ProfileSession profile;

  /**
   * Holds something opened on the connection.
   *
   * @param resource closed with the session, before what was held earlier
   */
  void hold(AutoCloseable resource) {
    held.add(resource);
  }

  /**
   * Holds the profile's own session.
   *
   * @param session the running profile
   * @return this
   */
  HeldSession withProfile(ProfileSession session) {
    profile = session;
    held.add(session);
    return this;
  }

  /**
   * Closes what was held if a start-up fails, so a failed attempt leaves no subscription behind.
   *
   * @param starting the start-up
   * @return the same start-up
   */
  java.util.concurrent.CompletableFuture<ProfileSession> closeOnFailure(
      java.util.concurrent.CompletableFuture<ProfileSession> starting) {
    return starting.whenComplete(
        (s, e) -> {
          if (e != null) {
            close();
          }
        });
  }

  @Override
  public long duplicatesDropped() {
    ProfileSession p = profile;
    return p == null ? 0 : p.duplicatesDropped();
  }

  @Override
  public long malformed() {
    ProfileSession p = profile;
    return p == null ? 0 : p.malformed();
  }

  @Override
  public void close() {
    List<AutoCloseable> newestFirst;
    synchronized (held) {
      newestFirst = new ArrayList<>(held);
      held.clear();
    }
    Collections.reverse(newestFirst);
    for (AutoCloseable c : newestFirst) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("while closing {}", c, e);
      }
    }
  }
}
