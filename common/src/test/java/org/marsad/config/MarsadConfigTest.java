package org.marsad.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.config.MarsadConfig.InvalidConfigException;
import org.marsad.dates.DateSource;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFormat;

class MarsadConfigTest {
  @TempDir Path tmp;

  @Test
  void defaultsLoadAndAreValid() {
    Config c = MarsadConfig.load(null, List.of());
    assertThat(c.getDouble("ingest.arabic.min_share")).isEqualTo(0.5);
    assertThat(c.getString("spark.master")).isEqualTo("local[*]");
    IngestSettings s = IngestSettings.from(c, null, null, null, LocalDate.of(2026, 1, 1));
    assertThat(s.format()).isEqualTo(InputFormat.AUTO);
    assertThat(s.mapping().name()).isEqualTo("default");
    assertThat(s.maxDate()).isEqualTo(LocalDate.of(2026, 1, 3));
  }

  @Test
  void precedenceIsSetOverFileOverDefaults() throws Exception {
    File f = tmp.resolve("x.conf").toFile();
    Files.writeString(
        f.toPath(), "marsad { ingest { arabic.min_share = 0.3, arabic.min_letters = 5 } }");
    Config c = MarsadConfig.load(f, List.of("ingest.arabic.min_share=0.2"));
    assertThat(c.getDouble("ingest.arabic.min_share")).isEqualTo(0.2);
    assertThat(c.getInt("ingest.arabic.min_letters")).isEqualTo(5);
    assertThat(c.getInt("ingest.max_record_chars")).isEqualTo(2_000_000);
    // The marsad. prefix is optional on the command line and in files.
    Files.writeString(f.toPath(), "ingest.arabic.min_letters = 7");
    assertThat(
            MarsadConfig.load(f, List.of("marsad.ingest.partitions=3")).getInt("ingest.partitions"))
        .isEqualTo(3);
    assertThat(MarsadConfig.load(f, List.of()).getInt("ingest.arabic.min_letters")).isEqualTo(7);
  }

  @Test
  void unknownKeysAreRejectedByName() {
    assertThatThrownBy(() -> MarsadConfig.load(null, List.of("ingest.arabic.min_shar=0.2")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("ingest.arabic.min_shar");
    assertThatThrownBy(() -> MarsadConfig.load(null, List.of("sources.mine.fields.titel=[x]")))
        .hasMessageContaining("sources.mine.fields.titel");
  }

  @Test
  void wrongTypesAndBadValuesAreRejected() {
    assertThatThrownBy(() -> MarsadConfig.load(null, List.of("ingest.arabic.min_share=lots")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("min_share");
    assertThatThrownBy(() -> MarsadConfig.load(null, List.of("nokey")))
        .hasMessageContaining("key=value");
    Config c = MarsadConfig.load(null, List.of("ingest.dedup.near.threshold=1.5"));
    assertThatThrownBy(() -> IngestSettings.from(c, null, null, null, LocalDate.now()))
        .hasMessageContaining("threshold");
    assertThatThrownBy(
            () ->
                IngestSettings.from(
                    MarsadConfig.load(null, List.of()), "xml", null, null, LocalDate.now()))
        .hasMessageContaining("unknown format 'xml'");
    assertThatThrownBy(
            () ->
                IngestSettings.from(
                    MarsadConfig.load(null, List.of()), null, "klingon", null, LocalDate.now()))
        .hasMessageContaining("unknown encoding");
    assertThatThrownBy(
            () ->
                IngestSettings.from(
                    MarsadConfig.load(null, List.of()), null, null, "nosuch", LocalDate.now()))
        .hasMessageContaining("unknown source mapping 'nosuch'");
    assertThatThrownBy(() -> MarsadConfig.load(new File(tmp.toFile(), "missing.conf"), List.of()))
        .hasMessageContaining("not found");
  }

  @Test
  void mappingsFallBackToTheDefaultMappingAndNewOnesCanBeDeclared() {
    Config c =
        MarsadConfig.load(
            null, List.of("sources.mine.fields.body=[story]", "sources.mine.timezone=Asia/Beirut"));
    SourceMapping ant = SourceMapping.from(c, "antcorpus");
    assertThat(ant.fieldNames(SourceMapping.Role.BODY)).containsExactly("TEXT");
    assertThat(ant.fieldNames(SourceMapping.Role.TITLE)).contains("TITLE");
    assertThat(ant.dateOrder())
        .containsExactly(DateSource.METADATA, DateSource.FILENAME, DateSource.CRAWL);
    SourceMapping mine = SourceMapping.from(c, "mine");
    assertThat(mine.fieldNames(SourceMapping.Role.BODY)).containsExactly("story");
    assertThat(mine.timezone()).isEqualTo("Asia/Beirut");
    assertThat(SourceMapping.from(c, "saudinewsnet").dateOrder())
        .containsExactly(DateSource.METADATA, DateSource.CRAWL);
    Config bad = MarsadConfig.load(null, List.of("sources.mine.timezone=Mars/Olympus"));
    assertThatThrownBy(() -> SourceMapping.from(bad, "mine")).hasMessageContaining("Mars/Olympus");
  }
}
