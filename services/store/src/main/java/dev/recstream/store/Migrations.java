package dev.recstream.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code sql/V<n>__<name>.sql} migrations (packaged under {@code db/migration}) in
 * version order, each in its own transaction, once. A PostgreSQL advisory lock makes concurrent
 * store nodes of a cluster take turns, so each migration runs exactly once.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final String ANCHOR = "db/migration/V1__events.sql";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

  record Migration(int version, String name, String sql) {}

  private Migrations() {}

  /** Applies the pending migrations; completes with the number applied. */
  static Future<Integer> apply(Vertx vertx, Pool pool) {
    return vertx.executeBlocking(Migrations::load)
        .compose(migrations -> pool.withConnection(conn -> applyLocked(conn, migrations)));
  }

  private static Future<Integer> applyLocked(SqlConnection conn, List<Migration> migrations) {
    return conn.query(SqlQueries.CREATE_MIGRATIONS_TABLE).execute()
        .compose(v -> conn.query(SqlQueries.LOCK_MIGRATIONS).execute())
        .compose(v -> conn.query(SqlQueries.APPLIED_MIGRATIONS).execute())
        .compose(rows -> {
          Set<Integer> applied = new HashSet<>();
          rows.forEach(row -> applied.add(row.getInteger(0)));
          List<Migration> pending = migrations.stream().filter(m -> !applied.contains(m.version())).toList();
          return applyInOrder(conn, pending, 0).map(pending.size());
        })
        .eventually(() -> conn.query(SqlQueries.UNLOCK_MIGRATIONS).execute());
  }

  private static Future<Void> applyInOrder(SqlConnection conn, List<Migration> pending, int index) {
    if (index == pending.size()) {
      return Future.succeededFuture();
    }
    Migration m = pending.get(index);
    return conn.begin()
        .compose(tx -> conn.query(m.sql()).execute()
            .compose(v -> conn.preparedQuery(SqlQueries.RECORD_MIGRATION).execute(Tuple.of(m.version(), m.name())))
            .compose(v -> tx.commit())
            .onFailure(e -> tx.rollback()))
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "migration V" + m.version() + "__" + m.name() + " failed: " + e.getMessage(), e)))
        .onSuccess(v -> LOG.info("migration applied version={} name={}", m.version(), m.name()))
        .compose(v -> applyInOrder(conn, pending, index + 1));
  }

  /** Reads every migration next to the anchor file, from a directory or from inside a jar. */
  static List<Migration> load() throws IOException, URISyntaxException {
    URL anchor = Migrations.class.getClassLoader().getResource(ANCHOR);
    if (anchor == null) {
      throw new IOException("schema migrations not found on the classpath (" + ANCHOR + ")");
    }
    URI uri = anchor.toURI();
    if ("jar".equals(uri.getScheme())) {
      try (FileSystem fs = newJarFileSystem(uri)) {
        return readAll(fs.provider().getPath(uri).getParent());
      }
    }
    return readAll(Path.of(uri).getParent());
  }

  private static FileSystem newJarFileSystem(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      throw new IOException("the jar holding the migrations is already open as a file system", e);
    }
  }

  private static List<Migration> readAll(Path dir) throws IOException {
    List<Migration> migrations = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (m.matches()) {
          try (InputStream in = Files.newInputStream(file)) {
            migrations.add(new Migration(Integer.parseInt(m.group(1)), m.group(2),
                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          }
        }
      }
    }
    migrations.sort(Comparator.comparingInt(Migration::version));
    return migrations;
  }
}
