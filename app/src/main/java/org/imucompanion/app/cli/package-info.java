/**
 * The command-line interface (picocli): one command class per subcommand, with exit codes that
 * scripts can rely on ({@link org.imucompanion.app.cli.ExitStatus}).
 */
package org.imucompanion.app.cli;
