package dev.recstream.app;

import dev.recstream.model.SequenceDataset;
import dev.recstream.trainer.data.DatasetFormat;
import dev.recstream.trainer.data.DatasetReaders;
import dev.recstream.trainer.data.ReaderOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The dataset options that {@code train} and {@code eval} share, and the read they lead to. */
final class DatasetOptions {
  @Option(names = "--data", paramLabel = "FILE", description = "The dataset file (or folder, for sessions).")
  Path data;

  @Option(names = "--format", paramLabel = "FORMAT", description = "sequences, pairs, events-csv or sessions.")
  String format;

  @Option(names = "--columns", paramLabel = "LIST", description = "events-csv without a header: its columns, e.g. userId,itemId,category,type,ts.")
  String columns;

  @Option(names = "--preset", paramLabel = "NAME", description = "events-csv preset, e.g. taobao.")
  String preset;

  /** Reads the dataset and says on {@code err} what it holds. */
  SequenceDataset read(PrintWriter err) throws IOException {
    if (data == null || format == null) {
      throw new IllegalArgumentException("--data FILE and --format FORMAT are required");
    }
    ReaderOptions options = readerOptions(columns, preset);
    SequenceDataset dataset = DatasetReaders.read(data, DatasetFormat.fromName(format), options);
    err.printf("%s: %,d users, %,d items, %,d actions%n", dataset.name(), dataset.users().size(), dataset.items().size(), dataset.actions());
    return dataset;
  }

  /** The reader options {@code --columns} or {@code --preset} ask for (columns win). */
  static ReaderOptions readerOptions(String columns, String preset) {
    return columns != null ? ReaderOptions.columns(columns) : preset != null ? ReaderOptions.preset(preset) : ReaderOptions.DEFAULTS;
  }
}
