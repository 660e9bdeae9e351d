package dev.recstream.trainer.data;

import dev.recstream.model.SequenceDataset;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one entry point to the dataset readers: a path, its format and options in, a dataset out. */
public final class DatasetReaders {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetReaders.class);

  private DatasetReaders() {}

  /**
   * Reads {@code path} in {@code format}. The dataset's name is the file's (or folder's) name; its
   * item indices are 1-based in order of first sight in the file.
   *
   * @param options columns or a preset for {@link DatasetFormat#EVENTS_CSV}; {@link
   *     ReaderOptions#DEFAULTS} for every format
   * @throws IllegalArgumentException when the options do not apply to the format or name an
   *     unknown column or preset
   * @throws MalformedDatasetException when a line does not fit the format, naming file and line
   * @throws IOException when the file cannot be read
   */
  public static SequenceDataset read(Path path, DatasetFormat format, ReaderOptions options) throws IOException {
    long start = System.nanoTime();
    SequenceDataset dataset = reader(format, options).read(path);
    LOG.info("read dataset name={} format={} users={} items={} actions={} millis={}", dataset.name(), format.wireName(),
        dataset.users().size(), dataset.items().size(), dataset.actions(), (System.nanoTime() - start) / 1_000_000);
    return dataset;
  }

  /**
   * The reader for {@code format} with {@code options}.
   *
   * @throws IllegalArgumentException as {@link #read} does for options
   */
  public static DatasetReader reader(DatasetFormat format, ReaderOptions options) {
    if (format != DatasetFormat.EVENTS_CSV && options.isCustom()) {
      throw new IllegalArgumentException("columns: columns and presets apply only to the events-csv format, not " + format.wireName());
    }
    return switch (format) {
      case SEQUENCES -> new SequencesReader();
      case PAIRS -> new PairsReader();
      case EVENTS_CSV -> new EventsCsvReader(CsvLayout.fromOptions(options).orElse(null));
      case SESSIONS -> new SessionsReader();
    };
  }
}
