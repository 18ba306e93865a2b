package org.imucompanion.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Plays a capture back through the decoders and stream health. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Replay a btsnoop capture through the same decoding and health code as a live device.")
final class ReplayCommand implements Callable<Integer> {

  @Parameters(paramLabel = "<capture>", description = "The btsnoop capture file.")
  Path capture;

  @Option(
      names = "--speed",
      paramLabel = "<factor>",
      defaultValue = "0",
      description = "1 = real time, 2 = twice as fast, 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
  double speed;

  @Override
  public Integer call() {
    throw new NotAvailableYetException(MissingParts.CAPTURE);
  }
}
