package org.imucompanion.app.ui.sessions;

/**
 * One line of the Sessions table.
 *
 * @param id the session's id in the store
 * @param athlete the athlete's name, or empty
 * @param started when it started (local date and time, for people)
 * @param device the device kind
 * @param state the session state in lower case (recording, complete, interrupted ...)
 * @param notes the session's notes
 */
public record SessionRow(
    long id, String athlete, String started, String device, String state, String notes) {}
