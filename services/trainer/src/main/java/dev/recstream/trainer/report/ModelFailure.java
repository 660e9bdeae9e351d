package dev.recstream.trainer.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A model that could not be evaluated, kept in the report beside the models that worked: one
 * model's failure must cost its own row, not the whole comparison.
 *
 * @param modelName the name the model was asked for by
 * @param reason one sentence saying why, for the tables and report.json
 * @param cause what was thrown; its stack trace goes to {@link #stackTraceFile()}, never to the
 *     tables
 */
public record ModelFailure(String modelName, String reason, Throwable cause) {

  /** The failure of {@code modelName}, its reason taken from {@code cause}. */
  public static ModelFailure of(String modelName, Throwable cause) {
    return new ModelFailure(modelName, reasonOf(cause), cause);
  }

  /** The file in the report directory that holds the stack trace, e.g. {@code failed-default.txt}. */
  public String stackTraceFile() {
    return "failed-" + modelName + ".txt";
  }

  /** The model, the reason and the full stack trace: the contents of {@link #stackTraceFile()}. */
  String stackTrace() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.println("model: " + modelName);
    out.println("reason: " + reason);
    out.println();
    cause.printStackTrace(out);
    out.flush();
    return text.toString();
  }

  /**
   * One line: the message of an exception that carries a sentence (an argument, state or I/O
   * problem), or — for anything else, which is a defect — its type, message and where it was
   * thrown, so the line alone is enough to report it.
   */
  static String reasonOf(Throwable e) {
    Throwable t = e;
    // Wrappers without a message of their own (new RuntimeException(cause) copies cause.toString()).
    while (t.getCause() != null && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString())
        || t instanceof ExecutionException || t instanceof CompletionException)) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? "" : t.getMessage().replace('\n', ' ').strip();
    if (t instanceof OutOfMemoryError) {
      return "ran out of memory (" + message + "): give the JVM more heap with -Xmx, or leave this model out";
    }
    boolean sentence = t instanceof IllegalArgumentException || t instanceof IllegalStateException
        || t instanceof UncheckedIOException || t instanceof UnsupportedOperationException;
    if (sentence && !message.isEmpty()) {
      return message;
    }
    StackTraceElement[] frames = t.getStackTrace();
    String where = frames.length == 0 ? "" : " at " + frames[0].getClassName().substring(frames[0].getClassName().lastIndexOf('.') + 1)
        + "." + frames[0].getMethodName() + "(" + frames[0].getFileName() + ":" + frames[0].getLineNumber() + ")";
    return "unexpected " + t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message) + where;
  }
}
