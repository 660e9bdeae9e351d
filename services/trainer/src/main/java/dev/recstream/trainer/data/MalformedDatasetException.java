package dev.recstream.trainer.data;

import java.io.IOException;

/** A dataset line that does not fit its format; the message names the file and 1-based line. */
public final class MalformedDatasetException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;

  /** A problem at {@code line} (1-based) of {@code file}: "{@code file line N: problem}". */
  public MalformedDatasetException(String file, long line, String problem) {
    super(file + " line " + line + ": " + problem);
    this.file = file;
    this.line = line;
  }

  /** A problem with {@code file} as a whole (line 0), such as malformed JSON. */
  public MalformedDatasetException(String file, String problem) {
    super(file + ": " + problem);
    this.file = file;
    this.line = 0;
  }

  /** The file name. */
  public String file() {
    return file;
  }

  /** The 1-based line number, or 0 when the problem is with the whole file. */
  public long line() {
    return line;
  }
}
