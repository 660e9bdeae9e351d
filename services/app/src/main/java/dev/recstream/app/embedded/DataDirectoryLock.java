package dev.recstream.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@code dev} per data directory. The lock is an operating-system file lock, so it is
 * released when its process ends in any way, {@code kill -9} included: a lock that can be taken
 * means that whatever the directory's servers left behind belongs to a process that is gone.
 * The file holds the holder's pid, for the message a second process gets.
 */
public final class DataDirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "dev.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of {@code dataDir} (which must exist) for this process.
   *
   * @throws IllegalStateException naming the holder when another process holds it
   */
  public static DataDirectoryLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new IllegalStateException("the data directory " + dataDir + " is in use by another recstream dev"
            + (holder.isEmpty() ? "" : " (pid " + holder + ")")
            + "; stop that one first, or give this one its own --data-dir");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(false);
      return new DataDirectoryLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("could not lock the data directory " + dataDir + " (" + file + "): " + e.getMessage(), e);
    }
  }

  /** Null when another process holds it, or when this JVM does already (a second dev in one JVM). */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      return null;
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Already failing with the reason that matters.
      }
    }
  }

  /** Releases the lock; the file stays (an empty holder is harmless). */
  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
