/**
 * The Sessions view: recorded sessions in the session store (athlete, start, device, state,
 * notes) and exporting one to CSV. Store access runs on a background executor.
 */
package org.imucompanion.app.ui.sessions;
