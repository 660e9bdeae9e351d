package dev.recstream.trainer.data;

import dev.recstream.model.SequenceDataset;
import java.io.IOException;
import java.nio.file.Path;

/** Reads one dataset format into per-user sequences over a 1-based, first-sight item vocabulary. */
@FunctionalInterface
public interface DatasetReader {

  /**
   * Reads {@code path} (a file, or for sessions also a folder of files).
   *
   * @throws MalformedDatasetException when a line does not fit the format, naming file and line
   * @throws IOException when the file cannot be read
   */
  SequenceDataset read(Path path) throws IOException;
}
