package org.marsad.jobs;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.marsad.catalog.Catalog;
import org.marsad.catalog.Entity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marsad catalog}: summarise and check the entity catalog (no Spark). */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "Summarise the entity catalog; with --check, validate it (exit 1 on errors).")
public final class CatalogCommand implements Callable<Integer> {
  @Option(
      names = "--check",
      description = "List problems: unknown relation targets (errors) and shared names (review).")
  boolean check;

  @Option(
      names = "--seed-cldr",
      description =
          "Regenerate conf/entities/generated/ (countries and cities) from ICU4J's CLDR names.")
  boolean seedCldr;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "With --seed-cldr: the conf/ folder to write into (default: this checkout's).")
  java.io.File out;

  @Option(
      names = "--candidates",
      paramLabel = "WAREHOUSE",
      description =
          "Print the names marsad discover promoted in WAREHOUSE, in the catalog's HOCON format,"
              + " for review (add a QID, then move them into conf/entities).")
  String candidates;

  @picocli.CommandLine.Mixin ConfigOptions configOptions = new ConfigOptions();

  @Override
  public Integer call() throws java.io.IOException {
    Config config = configOptions.load();
    if (seedCldr) {
      java.io.File confDir =
          out != null ? out : new java.io.File(DemoCommand.samplesDir().getParentFile(), "conf");
      var files =
          org.marsad.catalog.CldrSeeder.seedAll(org.marsad.catalog.CldrSeeder.curated(config));
      for (var f : files.entrySet()) {
        java.io.File target = new java.io.File(confDir, f.getKey());
        target.getParentFile().mkdirs();
        java.nio.file.Files.writeString(target.toPath(), f.getValue());
        System.out.println("wrote " + target);
      }
      System.out.println("(rebuild the jar to use them: scripts/marsad does)");
      return 0;
    }
    if (candidates != null) {
      Warehouse warehouse =
          new Warehouse(candidates, new org.apache.hadoop.conf.Configuration());
      String text = warehouse.readText(org.marsad.ner.NameCandidates.AUTO_LEXICON);
      if (text == null) {
        throw new UsageException(
            "no " + org.marsad.ner.NameCandidates.AUTO_LEXICON + " in " + candidates
                + " (run marsad discover first)");
      }
      System.out.print(text);
      return 0;
    }
    Catalog catalog = Catalog.load(config);
    Map<String, Integer> byType = new TreeMap<>();
    int names = 0;
    for (Entity e : catalog.entities().values()) {
      byType.merge(e.type(), 1, Integer::sum);
      names += 1 + e.aliases().size() + e.demonyms().size();
    }
    System.out.printf(
        "catalog: %d entities %s, %d names (files: %s)%n",
        catalog.entities().size(), byType, names, config.getStringList("extract.catalog"));
    if (!check) {
      return 0;
    }
    List<String> problems = catalog.check();
    problems.forEach(System.out::println);
    long errors = problems.stream().filter(p -> p.startsWith("error")).count();
    System.out.printf(
        "%d errors, %d names shared between entities, %d entities without a Wikidata QID%n",
        errors,
        problems.stream().filter(p -> p.startsWith("shared")).count(),
        problems.stream().filter(p -> p.startsWith("no Wikidata")).count());
    return errors > 0 ? 1 : 0;
  }
}
