/**
 * The session store: labeled recordings kept in one SQLite file (WAL mode) so that a crash or a
 * disconnect never costs an athlete more than the last second of a set.
 *
 * <p>{@link org.imucompanion.models.store.SessionStore} owns the file, its schema migrations and
 * every query; {@link org.imucompanion.models.store.SessionRecorder} writes a live recording in
 * batched transactions from its own thread; {@link org.imucompanion.models.store.SessionCsv}
 * exports sessions and sets to documented CSV and imports them back. The schema and the CSV
 * columns are described in {@code docs/SESSION_STORE.md}.
 */
package org.imucompanion.models.store;
