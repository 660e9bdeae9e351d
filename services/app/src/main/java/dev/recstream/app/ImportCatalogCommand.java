package dev.recstream.app;

import dev.recstream.model.search.MiniLmEmbedder;
import dev.recstream.model.search.TextEmbedder;
import dev.recstream.shared.catalog.CatalogItem;
import dev.recstream.shared.config.ConfigLoader;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.store.CatalogLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recstream import-catalog}: bulk-loads catalog items straight into PostgreSQL ({@code
 * RECSTREAM_PG_URL}) with their search vectors. Items are validated as {@code PUT
 * /v1/items/{itemId}} validates them; a bad record is reported and skipped, and makes the exit
 * status 1 once the rest is imported. Vectors are computed here (all-MiniLM-L6-v2 int8, batches of
 * {@value #EMBED_BATCH}) while the previous batch is written, except for items whose stored text and
 * vector are already current, so re-importing an unchanged catalog embeds nothing. The import ends
 * with the catalog's words learned for typo correction and a notice on which the scoring nodes of a
 * running system reload the catalog.
 */
@Command(name = "import-catalog", mixinStandardHelpOptions = true,
    description = {
        "Bulk-load catalog items into PostgreSQL with their search vectors, with a progress bar.",
        "",
        "FILE is JSON Lines, one item per line: {\"itemId\": \"…\", \"title\": \"…\", \"brand\": \"…\", "
            + "\"category\": \"…\", \"price\": 9.5, \"available\": true, \"attributes\": {\"color\": \"red\"}}, "
            + "itemId required, the rest as PUT /v1/items/{itemId} takes them. Or CSV (a .csv file or --format csv) "
            + "whose header names some of itemId,title,brand,category,price,available, one record per line; "
            + "CSV has no attributes.",
        "",
        "A bad record is reported as 'FILE line N: field: rule' and skipped; the rest is imported and the exit "
            + "status is 1. Of several records with one itemId the last wins. Items whose stored text and vector "
            + "are current are not embedded again.",
        "",
        "The database is RECSTREAM_PG_URL or pgUrl in --config.",
        ""})
final class ImportCatalogCommand implements Callable<Integer> {
  static final int EMBED_BATCH = 64;
  private static final int MAX_BAD_RECORDS_SHOWN = 50;
  private static final long WAIT_SECONDS = 300;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The catalog: JSON Lines, or CSV with a header.")
  Path file;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "jsonl or csv (default: csv for a .csv file, jsonl for any other).")
  String format;

  @Option(names = "--no-vectors",
      description = "Do not compute vectors: the scoring nodes compute the missing ones when they load the catalog.")
  boolean noVectors;

  @Option(names = "--batch", defaultValue = "2000", paramLabel = "N",
      description = "Items per write transaction (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file naming the database.")
  Path configFile;

  private TextEmbedder embedder;

  @Override
  public Integer call() throws Exception {
    if (batchSize < 1 || batchSize > 50_000) {
      throw new IllegalArgumentException("--batch: must be 1 to 50000, was " + batchSize);
    }
    CatalogLines.Format fileFormat = CatalogLines.Format.of(format, file);
    String pgUrl = pgUrl();
    PrintWriter err = spec.commandLine().getErr();
    CatalogLines.Catalog catalog = CatalogLines.read(file, fileFormat, badRecordPrinter(err));
    err.printf("%s: %,d items in %,d records (%,d skipped, %,d repeated ids: the last record wins)%n",
        file.getFileName(), catalog.items().size(), catalog.records(), catalog.skipped(), catalog.duplicates());
    err.flush();
    Vertx vertx = Vertx.vertx();
    try (CatalogLoader loader = await(CatalogLoader.open(vertx, pgUrl))) {
      long started = System.nanoTime();
      CatalogProgress progress = new CatalogProgress(err, CatalogProgress.stderrIsTerminal(), !noVectors, catalog.items().size());
      long[] counts = load(catalog.items(), loader, progress);
      progress.finish();
      // Always (80 ms for 12,000 items): a re-import then also mends one that stopped before this step.
      await(loader.learnSearchWords());
      if (counts[0] > 0) {
        tellRunningSystem(loader, catalog, counts, err);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      PrintWriter out = spec.commandLine().getOut();
      out.printf("imported %,d items (%,d new or changed, %,d embedded) in %.1f s: %,.0f items/s%n",
          catalog.items().size(), counts[0], counts[1], seconds, catalog.items().size() / seconds);
      out.flush();
      if (catalog.skipped() > 0) {
        err.printf("recstream: %,d of %,d records skipped (reasons above); the others were imported%n",
            catalog.skipped(), catalog.records());
        err.flush();
        return Main.FAILURE;
      }
      return 0;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private String pgUrl() throws Exception {
    RecstreamConfig config = ConfigLoader.load(RecstreamConfig.defaults(), configFile, System.getenv(), Map.of());
    if (config.pgUrl() == null) {
      throw new IllegalArgumentException("import-catalog needs the database (RECSTREAM_PG_URL or pgUrl in --config)");
    }
    return config.pgUrl();
  }

  /** Prints the first bad records and says when it stops printing them: a wrong file should not flood the terminal. */
  private static Consumer<String> badRecordPrinter(PrintWriter err) {
    long[] shown = {0};
    return problem -> {
      if (++shown[0] <= MAX_BAD_RECORDS_SHOWN) {
        err.println(problem);
      } else if (shown[0] == MAX_BAD_RECORDS_SHOWN + 1) {
        err.println("(further skipped records are counted, not shown)");
      }
    };
  }

  /** The model, loaded (a few seconds) at the first call. */
  private TextEmbedder embedder() {
    if (embedder == null) {
      embedder = new MiniLmEmbedder();
    }
    return embedder;
  }

  /**
   * Writes the items in batches, embedding the next batch while the previous one is written;
   * returns {new or changed, embedded}.
   *
   * <p>The model is loaded when the first item needs a vector, so re-importing an unchanged
   * catalog does not load it. (Not loaded speculatively on another thread: a process that exits
   * while ONNX Runtime is still loading a model crashes in native code.)
   */
  private long[] load(List<CatalogItem> items, CatalogLoader loader, CatalogProgress progress) throws Exception {
    String model = noVectors ? null : MiniLmEmbedder.NAME;
    int dimensions = noVectors ? 0 : MiniLmEmbedder.DIMENSIONS;
    long[] counts = new long[2];
    Future<Integer> writing = Future.succeededFuture(0);
    long written = 0;
    try {
      for (int from = 0; from < items.size(); from += batchSize) {
        List<CatalogItem> batch = items.subList(from, Math.min(items.size(), from + batchSize));
        List<float[]> vectors = noVectors ? Collections.nCopies(batch.size(), null)
            : vectors(batch, await(loader.withCurrentVectors(batch, model)), progress);
        counts[1] += vectors.stream().filter(v -> v != null).count();
        counts[0] += await(writing);
        written = from;
        writing = loader.upsert(batch, vectors, model, dimensions).onSuccess(n -> progress.written(batch.size()));
      }
      counts[0] += await(writing);
    } catch (Exception e) {
      progress.finish();
      throw new IllegalStateException("catalog import stopped after " + written + " items: " + Main.oneLine(e), e);
    }
    return counts;
  }

  /**
   * One vector per item, null for those whose stored vector is current. One caller is enough:
   * {@code embedAll} already spreads a batch over every core (measured: a second caller gained
   * nothing on 2 cores).
   */
  private List<float[]> vectors(List<CatalogItem> batch, Set<String> current, CatalogProgress progress) {
    progress.embedded(current.size(), 0);
    List<float[]> vectors = new ArrayList<>(Collections.nCopies(batch.size(), null));
    List<Integer> missing = new ArrayList<>();
    for (int k = 0; k < batch.size(); k++) {
      if (!current.contains(batch.get(k).itemId())) {
        missing.add(k);
      }
    }
    for (int from = 0; from < missing.size(); from += EMBED_BATCH) {
      List<Integer> positions = missing.subList(from, Math.min(missing.size(), from + EMBED_BATCH));
      List<float[]> computed = embedder().embedAll(positions.stream().map(k -> batch.get(k).embeddingText()).toList());
      for (int j = 0; j < positions.size(); j++) {
        vectors.set(positions.get(j), computed.get(j));
      }
      progress.embedded(positions.size(), positions.size());
    }
    return vectors;
  }

  /**
   * The items are stored whether or not a running system hears of it, so a failed notice is a
   * warning, not a failed import.
   */
  private void tellRunningSystem(CatalogLoader loader, CatalogLines.Catalog catalog, long[] counts, PrintWriter err) {
    JsonObject summary = new JsonObject().put("source", file.getFileName().toString())
        .put("items", catalog.items().size()).put("changed", counts[0]).put("embedded", counts[1]);
    try {
      await(loader.announce(summary));
    } catch (Exception e) {
      err.printf("warning: a running system was not told of this import (%s); its scoring nodes see the new catalog "
          + "when they restart%n", Main.oneLine(e));
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
