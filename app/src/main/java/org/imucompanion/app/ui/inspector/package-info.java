/**
 * The firmware developer's Inspector: the newest data notifications of the selected device in a
 * table (host time, sequence, length, hex, decoded fields), malformed ones with their reason and
 * byte offset, pause/resume and a malformed-only filter; stream health in one line.
 */
package org.imucompanion.app.ui.inspector;
