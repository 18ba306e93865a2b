/**
 * The command-line interface (picocli): one command class per subcommand, with exit codes that
 * scripts can rely on ({@link org.imucompanion.app.cli.ExitStatus}). A command whose backing code
 * is missing says so and exits with {@link org.imucompanion.app.cli.ExitStatus#NOT_AVAILABLE}
 * instead of pretending to work.
 */
package org.imucompanion.app.cli;
