/**
 * Test-only classes placed in the protocol package namespace so that the architecture rules can
 * be shown to accept JDK-only code and to reject anything else. Never part of a production jar.
 */
package org.imucompanion.protocol.archfixture;
