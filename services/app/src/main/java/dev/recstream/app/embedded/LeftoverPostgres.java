package dev.recstream.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on a data directory by a process that was killed. The embedded
 * server is a child process started through {@code pg_ctl}, so it outlives a parent killed with
 * {@code kill -9} (or by the OOM killer) and keeps the directory's {@code postmaster.pid}: the
 * next start would wait for a server that can never start. Such an orphan is found through
 * {@code postmaster.pid} and stopped cleanly before a new server starts.
 *
 * <p>A server is an orphan only when no live process holds zonky's lock file on the directory
 * ({@code epg-lock}, an OS lock released when its holder dies); one that is still held belongs to
 * a running process and is left alone, with a sentence saying so.
 */
final class LeftoverPostgres {
  private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostgres.class);
  static final String PID_FILE = "postmaster.pid";
  /** zonky's lock file, held by the process that started the server for as long as it runs. */
  static final String OWNER_LOCK = "epg-lock";
  /** A smart shutdown ends once the dead parent's sessions are gone: normally well under a second. */
  private static final long CLEAN_STOP_SECONDS = 20;
  private static final long FORCED_STOP_SECONDS = 10;

  private LeftoverPostgres() {
  }

  /**
   * Stops the server an earlier, killed process left running on {@code dataDir}, if there is
   * one; returns whether it stopped one.
   *
   * @throws IllegalStateException when the server belongs to a process that is still running
   */
  static boolean stopIfAny(Path dataDir) {
    Optional<ProcessHandle> server = runningServer(dataDir);
    if (server.isEmpty()) {
      return false;
    }
    long pid = server.get().pid();
    if (!ownerIsGone(dataDir)) {
      throw new IllegalStateException("the PostgreSQL data directory " + dataDir + " is in use by the server with pid "
          + pid + ", which another running process started; stop that process first, or use another data directory");
    }
    LOG.warn("stopping the PostgreSQL server left running by a process that was killed pid={} dataDir={}", pid, dataDir);
    long started = System.nanoTime();
    stop(server.get(), dataDir);
    LOG.info("left-over PostgreSQL stopped pid={} millis={}", pid, (System.nanoTime() - started) / 1_000_000);
    return true;
  }

  /** The live postmaster named by {@code postmaster.pid}; empty for none or for a stale file. */
  static Optional<ProcessHandle> runningServer(Path dataDir) {
    Path pidFile = dataDir.resolve(PID_FILE);
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    long pid;
    try {
      List<String> lines = Files.readAllLines(pidFile);
      pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
    } catch (IOException | NumberFormatException e) {
      // Half-written by a server killed while starting: PostgreSQL itself replaces such a file.
      return Optional.empty();
    }
    // A stale file whose pid was reused by another program is PostgreSQL's own case to handle.
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(LeftoverPostgres::isPostgres);
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
        .orElse(false);
  }

  /** Whether zonky's lock on the directory is free, i.e. the process that started the server died. */
  private static boolean ownerIsGone(Path dataDir) {
    Path file = dataDir.resolve(OWNER_LOCK);
    if (!Files.exists(file)) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      return lock != null;
    } catch (OverlappingFileLockException sameJvm) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("could not check who owns the PostgreSQL data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * SIGTERM is PostgreSQL's smart shutdown: no new sessions, a checkpoint once the existing ones
   * end, {@code postmaster.pid} removed. Only a server that ignores it for
   * {@value #CLEAN_STOP_SECONDS} s (a client still connected) gets SIGKILL; PostgreSQL then
   * recovers from its WAL on the next start, losing nothing committed.
   */
  private static void stop(ProcessHandle server, Path dataDir) {
    server.destroy();
    if (!awaitExit(server, CLEAN_STOP_SECONDS)) {
      LOG.warn("left-over PostgreSQL did not stop within {} s; killing it pid={} (it recovers from its WAL)",
          CLEAN_STOP_SECONDS, server.pid());
      server.destroyForcibly();
      if (!awaitExit(server, FORCED_STOP_SECONDS)) {
        throw new IllegalStateException("could not stop the PostgreSQL server (pid " + server.pid()
            + ") left running on " + dataDir + " by a process that was killed; stop it by hand and start again");
      }
    }
  }

  private static boolean awaitExit(ProcessHandle process, long seconds) {
    try {
      process.onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
