package dev.recstream.trainer.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recstream.model.SequenceDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The readers on the real datasets in ../shared/datasets")
class RealDatasetsTest {


  @Test
  @DisplayName("read every dataset with the counts its README gives")
  void readEveryDatasetWithItsCounts() throws IOException {
    Optional<Path> folder = SharedDatasets.folder();
    Assumptions.assumeTrue(folder.isPresent(), "skipped: no shared/datasets folder beside the working directory or its ancestors");
    Path datasets = folder.get();

    SequenceDataset beauty = DatasetReaders.read(datasets.resolve("amazon-beauty/sequences.txt"), DatasetFormat.SEQUENCES, ReaderOptions.DEFAULTS);
    SequenceDataset taobao = DatasetReaders.read(datasets.resolve("taobao-userbehavior-sample/UserBehavior.csv"), DatasetFormat.EVENTS_CSV, ReaderOptions.preset("taobao"));
    SequenceDataset diginetica = DatasetReaders.read(datasets.resolve("diginetica-sample/train-item-views.csv"), DatasetFormat.SESSIONS, ReaderOptions.DEFAULTS);
    Path yoochooseFolder = datasets.resolve("yoochoose-clicks-100k");
    SequenceDataset yoochoose = DatasetReaders.read(yoochooseFolder, DatasetFormat.SESSIONS, ReaderOptions.DEFAULTS);
    SequenceDataset yoochooseTrain = DatasetReaders.read(yoochooseFolder.resolve("train.txt"), DatasetFormat.SESSIONS, ReaderOptions.DEFAULTS);
    SequenceDataset yoochooseTest = DatasetReaders.read(yoochooseFolder.resolve("test.txt"), DatasetFormat.SESSIONS, ReaderOptions.DEFAULTS);

    assertAll(
        () -> assertEquals(22_363, beauty.users().size(), "Beauty users"),
        () -> assertEquals(12_101, beauty.items().size(), "Beauty items"),
        () -> assertEquals(198_502, beauty.actions(), "Beauty actions"),
        () -> assertEquals(12_101, beauty.itemAttributes().size(), "Beauty items with attributes"),
        () -> assertEquals(10_000, taobao.actions(), "Taobao rows"),
        () -> assertEquals(114, taobao.users().size(), "Taobao users"),
        () -> assertEquals(Map.of("view", 9_046L, "add_to_cart", 536L, "click", 212L, "purchase", 206L), typeCounts(taobao), "Taobao types"),
        // The README says 12,390 views: the file has 12,391 data rows, its last line without a
        // newline, so `wc -l` counts 12,391 lines including the header.
        () -> assertEquals(12_391, diginetica.actions(), "Diginetica views"),
        () -> assertEquals(2_986, diginetica.users().size(), "Diginetica sessions"),
        () -> assertEquals(7_139, diginetica.items().size(), "Diginetica items"),
        () -> assertEquals(70_278, yoochooseTrain.actions(), "YooChoose train clicks"),
        () -> assertEquals(13_568, yoochooseTest.actions(), "YooChoose test clicks"),
        // The README's 17,794 sessions are train.txt's; test.txt adds 3,416 sessions of its own.
        () -> assertEquals(17_794, yoochooseTrain.users().size(), "YooChoose train sessions"),
        () -> assertEquals(3_416, yoochooseTest.users().size(), "YooChoose test sessions"),
        () -> assertEquals(83_846, yoochoose.actions(), "YooChoose clicks"),
        () -> assertEquals(21_210, yoochoose.users().size(), "YooChoose sessions"));
  }

  private static Map<String, Long> typeCounts(SequenceDataset dataset) {
    return dataset.users().stream().flatMap(user -> Arrays.stream(user.types()))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
