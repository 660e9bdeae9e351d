package dev.recstream.app;

import dev.recstream.shared.config.ConfigException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code recstream} command line (CONTRACT §5). Exit status: 0 success, 1 failure, 2 bad usage. */
@Command(
    name = "recstream",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Real-time next-item recommendations for e-commerce behavior streams.",
    subcommands = {DevCommand.class, RunCommand.class, ImportCommand.class, ImportCatalogCommand.class, TrainCommand.class,
        EvalCommand.class, KeygenCommand.class})
public final class Main {
  static final int FAILURE = 1;
  static final int USAGE = 2;

  public static void main(String[] args) {
    // Out of memory in any thread (a parallel pass, a worker) ends the process with one sentence
    // instead of a stack trace: what is half-done after an OutOfMemoryError cannot be trusted.
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (e instanceof OutOfMemoryError) {
        outOfMemory();
      }
      System.err.print("Exception in thread \"" + thread.getName() + "\" ");
      e.printStackTrace();
    });
    int status;
    try {
      status = commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      outOfMemory();
      return;
    }
    System.exit(status);
  }

  /** Says what the limit was and how to raise it, then halts with status 1 (no shutdown hooks: the heap is gone). */
  private static void outOfMemory() {
    System.err.println(outOfMemorySentence(Runtime.getRuntime().maxMemory()));
    System.err.flush();
    Runtime.getRuntime().halt(FAILURE);
  }

  static String outOfMemorySentence(long maxHeapBytes) {
    return "recstream: out of memory: the Java heap is limited to " + maxHeapBytes / (1024 * 1024)
        + " MiB; give the JVM more (e.g. java -Xmx8g -jar recstream.jar …) or use less data";
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExitCodeExceptionMapper(Main::exitCode)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("recstream: " + oneLine(e));
          return cmd.getExitCodeExceptionMapper().getExitCode(e);
        });
  }

  /** Bad usage (unknown option, bad setting) is 2, anything else 1. */
  static int exitCode(Throwable e) {
    boolean usage = e instanceof CommandLine.ParameterException || e instanceof ConfigException
        || e instanceof IllegalArgumentException;
    return usage ? USAGE : FAILURE;
  }

  /** The reason of a failure in one line: the deepest message that says something. */
  static String oneLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
      t = t.getCause();
    }
    String message;
    if (t instanceof NoSuchFileException missing) {
      // Its message is the bare path, which reads like output rather than a reason.
      message = "no such file: " + missing.getFile();
    } else if (t instanceof AccessDeniedException denied) {
      message = "permission denied: " + denied.getFile();
    } else {
      message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
    return message.replace('\n', ' ');
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"recstream " + (v == null ? "development build" : v)};
    }
  }
}
