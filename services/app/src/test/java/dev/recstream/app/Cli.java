package dev.recstream.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import picocli.CommandLine;

/** Runs the recstream command line in-process and keeps what it printed, for tests. */
final class Cli {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /**
   * A learnable dataset in the sequences format: users walking chains item k → k+1 → … over
   * {@code items} items, one step in eight replaced by a random item.
   */
  static Path chains(Path dir, int users, int items, int length, long seed) throws Exception {
    Random random = new Random(seed);
    StringBuilder lines = new StringBuilder();
    for (int user = 1; user <= users; user++) {
      lines.append(user);
      int item = 1 + random.nextInt(items - 10);
      for (int step = 0; step < length; step++) {
        lines.append(' ').append(random.nextInt(8) == 0 ? 1 + random.nextInt(items) : item);
        item = item % items + 1;
      }
      lines.append('\n');
    }
    Path file = dir.resolve("chains.txt");
    Files.writeString(file, lines);
    return file;
  }
}
