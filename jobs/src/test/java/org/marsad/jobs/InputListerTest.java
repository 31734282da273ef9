package org.marsad.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.ingest.InputFile;

class InputListerTest {
  @TempDir Path dir;

  private List<String> names(List<InputFile> files) {
    return files.stream().map(f -> f.path().replaceAll(".*/dumps/", "")).toList();
  }

  @Test
  void dateFieldsExpandForEachDayAndDaysWithoutFilesAreSkipped() throws Exception {
    for (String f :
        List.of("2015-07-21/a.json", "2015-07-21/b.json", "2015-07-23/a.json", "20150722.csv")) {
      Path p = dir.resolve("dumps/" + f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x");
    }
    String byFolder = dir + "/dumps/{ds}/*.json";
    assertThat(
            names(
                InputLister.list(
                    List.of(byFolder),
                    new Configuration(),
                    LocalDate.parse("2015-07-21"),
                    LocalDate.parse("2015-07-23"))))
        .containsExactly("2015-07-21/a.json", "2015-07-21/b.json", "2015-07-23/a.json");
    assertThat(
            names(
                InputLister.list(
                    List.of(byFolder, dir + "/dumps/{yyyy}{mm}{dd}.csv"),
                    new Configuration(),
                    LocalDate.parse("2015-07-22"),
                    LocalDate.parse("2015-07-23"))))
        .as("sorted by path")
        .containsExactly("2015-07-23/a.json", "20150722.csv");
    assertThat(
            InputLister.expandDates(
                List.of("d/{ds_nodash}.gz", "d/{a,b}.gz"),
                LocalDate.parse("2015-07-21"),
                LocalDate.parse("2015-07-21")))
        .as("a glob's alternation is left to the glob")
        .containsExactly("d/20150721.gz", "d/{a,b}.gz");
    assertThatThrownBy(
            () ->
                InputLister.list(
                    List.of(byFolder),
                    new Configuration(),
                    LocalDate.parse("2015-07-22"),
                    LocalDate.parse("2015-07-22")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no input files in")
        .hasMessageContaining("2015-07-22 .. 2015-07-22");
    assertThatThrownBy(() -> InputLister.list(List.of(byFolder), new Configuration(), null, null))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("give --from and --to");
  }
}
