/**
 * Test-only classes placed in the ble-driver package namespace that each break one module rule,
 * so the architecture tests can prove the rule fails. Never part of a production jar.
 */
package org.imucompanion.ble.archfixture;
