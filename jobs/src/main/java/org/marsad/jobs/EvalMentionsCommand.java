package org.marsad.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.eval.MentionEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marsad eval-mentions}: precision, recall and F1 of the extractor against gold. */
@Command(
    name = "eval-mentions",
    mixinStandardHelpOptions = true,
    description =
        "Score the lexicon engine against a gold file (JSON Lines, or CoNLL like ANERcorp).")
public final class EvalMentionsCommand implements Callable<Integer> {
  /** Gold formats. */
  public enum Format {
    auto,
    jsonl,
    conll
  }

  @Option(
      names = "--gold",
      paramLabel = "FILE",
      required = true,
      description =
          "Gold file: JSON Lines ({id, text, date?, mentions|entities}) or token-TAG lines.")
  File gold;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "auto (default: .jsonl/.json is JSON Lines, anything else CoNLL), jsonl, conll.")
  Format format = Format.auto;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the scores as JSON here.")
  File out;

  @Option(
      names = "--errors",
      paramLabel = "N",
      description = "Also print the N most frequent missed (fn) and spurious (fp) spans.")
  int errors;

  @Option(names = "--conf", paramLabel = "FILE", description = "Extra HOCON configuration.")
  File conf;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key.")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (!gold.isFile()) {
      throw new UsageException("gold file not found: " + gold);
    }
    Config config = MarsadConfig.load(conf, sets);
    Catalog catalog = Catalog.load(config);
    boolean jsonl =
        format == Format.jsonl
            || (format == Format.auto && gold.getName().matches("(?i).*\\.jsonl?$"));
    MentionEvaluation.Result r =
        jsonl
            ? MentionEvaluation.evaluateJsonl(gold.toPath(), catalog)
            : MentionEvaluation.evaluateConll(gold.toPath(), catalog);
    ObjectNode json = RunReport.JSON.createObjectNode();
    json.put("gold", gold.getPath());
    json.put("engine", "lexicon");
    json.put("catalog_entities", catalog.entities().size());
    ObjectNode notes = json.putObject("notes");
    r.notes().forEach(notes::put);
    System.out.printf(
        Locale.ROOT,
        "%-10s %-30s %6s %6s %6s %9s %7s %7s%n",
        "level",
        "group",
        "tp",
        "fp",
        "fn",
        "precision",
        "recall",
        "f1");
    ObjectNode levels = json.putObject("scores");
    r.levels()
        .forEach(
            (level, groups) -> {
              ObjectNode l = levels.putObject(level);
              groups.forEach(
                  (group, c) -> {
                    System.out.printf(
                        Locale.ROOT,
                        "%-10s %-30s %6d %6d %6d %9.3f %7.3f %7.3f%n",
                        level,
                        group,
                        c.tp,
                        c.fp,
                        c.fn,
                        c.precision(),
                        c.recall(),
                        c.f1());
                    ObjectNode g = l.putObject(group);
                    g.put("tp", c.tp);
                    g.put("fp", c.fp);
                    g.put("fn", c.fn);
                    g.put("precision", c.precision());
                    g.put("recall", c.recall());
                    g.put("f1", c.f1());
                  });
            });
    System.out.println("notes: " + r.notes());
    if (errors > 0) {
      r.topErrors(errors).forEach(e -> System.out.println("  " + e.getValue() + "\t" + e.getKey()));
    }
    if (out != null) {
      Files.writeString(out.toPath(), RunReport.JSON.writeValueAsString(json));
      System.out.println("scores: " + out);
    }
    return 0;
  }
}
