/**
 * Test-only classes in the app package namespace that break one module rule each, so the
 * architecture tests can prove the rule fails. Never part of a production jar.
 */
package org.imucompanion.app.archfixture;
