package org.marsad.jobs;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.marsad.catalog.Catalog;
import org.marsad.catalog.Entity;
import org.marsad.config.MarsadConfig;
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

  @Option(names = "--conf", paramLabel = "FILE", description = "Extra HOCON configuration.")
  java.io.File conf;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key.")
  List<String> sets = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    Config config = MarsadConfig.load(conf, sets);
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
        "%d errors, %d names shared between entities%n", errors, problems.size() - errors);
    return errors > 0 ? 1 : 0;
  }
}
