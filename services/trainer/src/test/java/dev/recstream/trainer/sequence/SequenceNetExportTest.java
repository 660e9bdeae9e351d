package dev.recstream.trainer.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import dev.recstream.model.sequence.SequenceOnnxRecommender;
import dev.recstream.trainer.data.DatasetFormat;
import dev.recstream.trainer.data.DatasetReaders;
import dev.recstream.trainer.data.ReaderOptions;
import dev.recstream.trainer.data.SharedDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exported ONNX graph computes what the DJL network computes: trained briefly, both score
 * 1,000 real Amazon Beauty histories (of every length, longer than L too, and empty ones) and
 * agree within 1e-4 on every item. Without ../shared/datasets, generated sequences stand in.
 */
@DisplayName("A sequence network's ONNX export")
class SequenceNetExportTest {
  private static final int COMPARED = 1_000;
  private static final double TOLERANCE = 1e-4;

  private static List<int[]> sequences;
  private static int numItems;

  @BeforeAll
  static void data() throws Exception {
    Optional<Path> beauty = SharedDatasets.folder().map(d -> d.resolve("amazon-beauty/sequences.txt")).filter(Files::exists);
    if (beauty.isPresent()) {
      SequenceDataset dataset = DatasetReaders.read(beauty.get(), DatasetFormat.SEQUENCES, ReaderOptions.DEFAULTS);
      sequences = dataset.users().stream().map(UserSequence::items).limit(2_000).toList();
      numItems = dataset.items().size();
    } else {
      SplittableRandom random = new SplittableRandom(7);
      numItems = 500;
      List<int[]> generated = new ArrayList<>();
      for (int u = 0; u < 2_000; u++) {
        int[] items = new int[3 + random.nextInt(40)];
        for (int i = 0; i < items.length; i++) {
          items[i] = 1 + random.nextInt(numItems);
        }
        generated.add(items);
      }
      sequences = generated;
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {SequenceNetOptions.SASREC, SequenceNetOptions.GRU4REC})
  @DisplayName("scores like the DJL network, within 1e-4, on 1,000 histories")
  void equalsDjl(String architecture) throws Exception {
    SequenceNetOptions options = (architecture.equals(SequenceNetOptions.SASREC)
        ? SequenceNetOptions.sasrec().withBlocks(2) : SequenceNetOptions.gru4rec())
        .withDimension(16).withMaxLength(20).withEpochs(1, 1);
    int l = options.maxLength();
    NDManager manager = PyTorchEngine.get(options.threads()).newBaseManager();
    try (SequenceNet net = architecture.equals(SequenceNetOptions.SASREC) ? new SasRecNet(manager, options, numItems)
        : new Gru4RecNet(manager, options, numItems)) {
      new SequenceNetTraining(architecture, options, EpochListener.NONE).train(net, sequences.subList(0, 400), numItems);

      List<int[]> histories = new ArrayList<>();
      histories.add(new int[0]);
      for (int[] sequence : sequences.subList(sequences.size() - (COMPARED - 1), sequences.size())) {
        histories.add(sequence);
      }
      long[] ids = new long[COMPARED * l];
      int longer = 0;
      for (int u = 0; u < COMPARED; u++) {
        int[] history = histories.get(u);
        int kept = Math.min(l, history.length);
        longer += history.length > l ? 1 : 0;
        for (int i = 0; i < kept; i++) {
          ids[u * l + l - kept + i] = history[history.length - kept + i];
        }
      }
      assertTrue(longer > 0, "some histories must be longer than L");
      float[] djl = net.scores(ids, COMPARED, l);

      ItemVocabulary vocabulary = new ItemVocabulary();
      for (int item = 1; item <= numItems; item++) {
        vocabulary.add("i" + item);
      }
      double maxDiff = 0;
      try (SequenceOnnxRecommender onnx = SequenceOnnxRecommender.of(net.export(0).toByteArray(), vocabulary, l, "0")) {
        float[] row = new float[numItems + 1];
        for (int u = 0; u < COMPARED; u++) {
          onnx.scores(histories.get(u), row);
          for (int item = 1; item <= numItems; item++) {
            maxDiff = Math.max(maxDiff, Math.abs(row[item] - djl[u * (numItems + 1) + item]));
          }
        }
      }
      assertTrue(maxDiff <= TOLERANCE, architecture + ": max |ONNX - DJL| = " + maxDiff);
      assertEquals(COMPARED * (numItems + 1), djl.length);
    }
  }
}
