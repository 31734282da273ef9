package org.marsad.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.config.MarsadConfig;
import org.marsad.ingest.IngestSettings;
import org.marsad.testing.SparkTestSession;
import org.marsad.testing.TestPaths;

/**
 * Retraining the shipped NER model from ../shared/data (ANERcorp's train part, SaudiNewsNet and
 * ANT as unlabelled news, the shipped clusters) reproduces its card: epochs, feature counts and
 * every test score. Skipped when the data is absent.
 */
@Tag("realdata")
class RealDataNerTrainingTest {
  @TempDir Path tmp;

  static String ingest(String input, String warehouse) {
    Config config = MarsadConfig.load(null, List.of());
    IngestSettings settings =
        IngestSettings.from(config, null, null, null, LocalDate.of(2026, 12, 3));
    JobRunner.ingest(
        SparkTestSession.get(),
        config,
        settings,
        InputLister.list(List.of(input), new Configuration()),
        warehouse,
        null,
        null);
    return warehouse;
  }

  @Test
  void retrainingReproducesTheShippedModelsScores() throws Exception {
    File gold = TestPaths.sharedData("anercorp/ANERCorp.txt");
    File sn = TestPaths.sharedData("saudinewsnet");
    File ant = TestPaths.sharedData("antcorpus-v1.1");
    File shipped = new File(TestPaths.projectRoot(), "conf/ner/anercorp");
    SparkTestSession.get();
    String snWh = ingest(sn + "/*.json.gz", tmp.resolve("sn").toString());
    String antWh = ingest(ant + "/*/*.txt", tmp.resolve("ant").toString());
    File out = tmp.resolve("model").toFile();
    int code =
        Marsad.execute(
            "train-ner",
            "--gold", gold.getPath(),
            "--unlabelled", snWh,
            "--unlabelled", antWh,
            "--clusters", new File(shipped, "clusters.tsv.gz").getPath(),
            "--out", out.getPath());
    assertThat(code).isZero();
    JsonNode want = RunReport.JSON.readTree(new File(shipped, "model.json"));
    JsonNode got = RunReport.JSON.readTree(new File(out, "model.json"));
    assertThat(got.get("unlabelled").get("articles")).isEqualTo(want.get("unlabelled").get("articles"));
    assertThat(got.get("settings").get("epochs_stage1")).isEqualTo(want.get("settings").get("epochs_stage1"));
    assertThat(got.get("settings").get("epochs_stage2")).isEqualTo(want.get("settings").get("epochs_stage2"));
    assertThat(got.get("settings").get("features_stage2"))
        .isEqualTo(want.get("settings").get("features_stage2"));
    assertThat(got.get("test_scores")).isEqualTo(want.get("test_scores"));
  }
}
