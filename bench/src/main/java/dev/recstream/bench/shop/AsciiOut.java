package dev.recstream.bench.shop;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A buffered file of ASCII text that writes numbers as digits without making strings: ten million
 * events are tens of millions of numbers, and a String each would dominate the generator's time.
 */
final class AsciiOut implements Closeable {
  private final OutputStream out;
  private final byte[] buffer = new byte[1 << 16];
  private final byte[] digits = new byte[20];
  private int size;

  AsciiOut(Path file) throws IOException {
    this.out = Files.newOutputStream(file);
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  AsciiOut write(char c) throws IOException {
    if (size == buffer.length) {
      flushBuffer();
    }
    buffer[size++] = (byte) c;
    return this;
  }

  AsciiOut write(byte[] text) throws IOException {
    if (size + text.length > buffer.length) {
      flushBuffer();
    }
    System.arraycopy(text, 0, buffer, size, text.length);
    size += text.length;
    return this;
  }

  AsciiOut write(String text) throws IOException {
    return write(ascii(text));
  }

  /** Writes a non-negative number in decimal. */
  AsciiOut write(long value) throws IOException {
    int n = 0;
    do {
      digits[n++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value > 0);
    if (size + n > buffer.length) {
      flushBuffer();
    }
    while (n > 0) {
      buffer[size++] = digits[--n];
    }
    return this;
  }

  @Override
  public void close() throws IOException {
    try (OutputStream closing = out) {
      flushBuffer();
    }
  }

  private void flushBuffer() throws IOException {
    out.write(buffer, 0, size);
    size = 0;
  }
}
