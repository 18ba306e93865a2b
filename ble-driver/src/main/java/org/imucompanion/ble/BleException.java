package org.imucompanion.ble;

import java.util.Objects;

/**
 * The one failure type of the BLE layer. Callers decide what to do by its {@link Reason}, not by
 * parsing messages or by the type of whatever library failed underneath.
 */
public final class BleException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a BLE operation failed, in terms a user (or a reconnect supervisor) can act on. */
  public enum Reason {
    /** No such device, service or characteristic. */
    NOT_FOUND,
    /** The BLE stack itself is missing: no BlueZ on the bus, no adapter, adapter powered off. */
    UNAVAILABLE,
    /** The link could not be established. */
    CONNECT_FAILED,
    /** The device or the stack refused the request (rejected connection, not permitted). */
    REFUSED,
    /** The link was lost, or the operation needs a link that is not there. */
    DISCONNECTED,
    /** Nothing came back in time. */
    TIMEOUT,
    /** The transport failed while moving bytes. */
    IO,
    /** The device or the stack does not support the request. */
    NOT_SUPPORTED,
    /** An operation of the same kind is already running (BlueZ's {@code InProgress}). */
    IN_PROGRESS,
    /** The transport or connection was closed by its owner. */
    CLOSED
  }

  private final Reason reason;

  /**
   * Creates an exception.
   *
   * @param reason why the operation failed
   * @param message what was being attempted, for people
   */
  public BleException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates an exception that keeps the underlying failure.
   *
   * @param reason why the operation failed
   * @param message what was being attempted, for people
   * @param cause the failure reported by the layer below
   */
  public BleException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns why the operation failed.
   *
   * @return the reason, never null
   */
  public Reason reason() {
    return reason;
  }

  @Override
  public String getMessage() {
    return reason + ": " + super.getMessage();
  }
}
