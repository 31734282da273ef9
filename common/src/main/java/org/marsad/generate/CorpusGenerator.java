package org.marsad.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.marsad.catalog.Catalog;
import org.marsad.catalog.Entity;
import org.marsad.nlp.Tokenizer;

/**
 * Synthetic Arabic news articles, reproducible from a seed: the project's sentence templates
 * ({@code conf/generator/templates.txt}) filled with the catalog's countries, capitals, leaders and
 * demonyms, with proclitics, over a date range; every planted mention recorded (its span in the
 * title or body, and the entity it names). Names that name an entity only under a rule, or that
 * several entities share, are never planted: the truth must be unambiguous.
 */
public final class CorpusGenerator {
  /** A planted mention: where, in which field, and the entity. */
  public record Planted(String field, int start, int end, String entityId) {}

  /** One generated article. {@code copyOf} is the id of the article it copies (or null). */
  public record Article(
      String id,
      String url,
      String source,
      LocalDate day,
      String title,
      String body,
      List<Planted> mentions,
      String copyOf,
      boolean nearCopy) {}

  /** The knobs; {@link #defaults()} gives the documented defaults. */
  public record Settings(
      long seed,
      LocalDate from,
      LocalDate to,
      int sources,
      double watchShare,
      List<String> watch,
      double exactCopyRate,
      double nearCopyRate) {
    public static Settings defaults() {
      return new Settings(
          42,
          LocalDate.of(2017, 1, 1),
          LocalDate.of(2017, 12, 31),
          5,
          0.5,
          List.of("Q794", "Q159", "Q43", "Q858", "Q30"),
          0.03,
          0.03);
    }
  }

  private static final String[] SOURCES = {
    "وكالة المرصد للأنباء",
    "صحيفة الأفق",
    "موقع النبأ اليومي",
    "إذاعة الصباح",
    "قناة الحدث المحلية",
    "صحيفة المساء",
    "نشرة الخليج الاقتصادية",
    "موقع المتابع"
  };

  /** Arabic letters, and single spaces between words: no brackets, hyphens or digits. */
  private static final java.util.regex.Pattern ARABIC_WORDS =
      java.util.regex.Pattern.compile("[\\u0621-\\u064A]+( [\\u0621-\\u064A]+)*");

  /** Letters that can be written against a name: و ف ب ل ك. */
  private static final String PROCLITIC_LETTERS = "وفبلك";

  private final Settings settings;
  private final SplittableRandom random;
  private final List<String> entitySentences = new ArrayList<>();
  private final List<String> fillers = new ArrayList<>();
  private final List<String> titles = new ArrayList<>();
  private final List<Country> countries = new ArrayList<>();
  private final List<Country> watched = new ArrayList<>();
  private final List<Named> people = new ArrayList<>();
  private long next;
  private LocalDate day;
  private final Map<String, List<Entity.Role>> rolesOf = new HashMap<>();

  /** A plantable name of an entity. */
  private record Named(String entityId, List<String> names) {}

  /** A country with its plantable names, capital names, leaders and demonym stem. */
  private record Country(
      String id, List<String> names, Named capital, List<Named> leaders, String demonym) {}

  public CorpusGenerator(Catalog catalog, Settings settings) {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    readTemplates();
    Set<String> shared = sharedNames(catalog);
    Map<String, Named> capitals = new HashMap<>();
    Map<String, List<Named>> leaders = new HashMap<>();
    for (Entity e : catalog.entities().values()) {
      List<String> names = plantable(e, shared);
      if (names.isEmpty()) {
        continue;
      }
      if ("CITY".equals(e.type()) && e.capitalOf() != null) {
        capitals.put(e.capitalOf(), new Named(e.id(), names));
      } else if ("PERSON".equals(e.type()) && !e.roles().isEmpty()) {
        Named n = new Named(e.id(), names);
        people.add(n);
        rolesOf.put(e.id(), e.roles());
        for (Entity.Role r : e.roles()) {
          leaders.computeIfAbsent(r.country(), k -> new ArrayList<>()).add(n);
        }
      }
    }
    for (Entity e : catalog.entities().values()) {
      if (!"COUNTRY".equals(e.type())) {
        continue;
      }
      List<String> names = plantable(e, shared);
      Named capital = capitals.get(e.id());
      if (names.isEmpty() || capital == null) {
        continue;
      }
      String demonym = null;
      for (Entity.Alias d : e.demonyms()) {
        if (!d.constrained()
            && d.from() == null
            && d.to() == null
            && d.name().endsWith("ي")
            && !d.name().startsWith("ال")
            && ARABIC_WORDS.matcher(d.name()).matches()
            && !d.name().contains(" ")) {
          String form = "ال" + d.name();
          if (!shared.contains(Tokenizer.normalize(d.name()))) {
            demonym = form;
            break;
          }
        }
      }
      Country c =
          new Country(e.id(), names, capital, leaders.getOrDefault(e.id(), List.of()), demonym);
      countries.add(c);
      if (settings.watch().contains(e.id())) {
        watched.add(c);
      }
    }
    countries.sort((a, b) -> a.id().compareTo(b.id()));
    watched.sort((a, b) -> a.id().compareTo(b.id()));
    people.sort((a, b) -> a.entityId().compareTo(b.entityId()));
    if (countries.isEmpty()) {
      throw new IllegalStateException("the catalog has no country with a plantable name");
    }
  }

  /** Names valid at all times, under no rule, not shared with another entity. */
  private static List<String> plantable(Entity e, Set<String> shared) {
    List<String> out = new ArrayList<>();
    List<Entity.Alias> all = new ArrayList<>(e.aliases());
    all.add(Entity.Alias.plain(e.ar()));
    for (Entity.Alias a : all) {
      String n = a.name();
      if (a.constrained()
          || a.from() != null
          || a.to() != null
          || n == null
          || !ARABIC_WORDS.matcher(n).matches()) {
        continue;
      }
      if (shared.contains(Tokenizer.normalize(n)) || out.contains(n)) {
        continue;
      }
      out.add(n);
    }
    return out;
  }

  /** Normalised names that name more than one entity, or that some entity names under a rule. */
  private static Set<String> sharedNames(Catalog catalog) {
    Map<String, Set<String>> owners = new HashMap<>();
    Set<String> ruled = new HashSet<>();
    for (Entity e : catalog.entities().values()) {
      List<Entity.Alias> all = new ArrayList<>(e.aliases());
      all.addAll(e.demonyms());
      all.add(Entity.Alias.plain(e.ar()));
      for (Entity.Alias a : all) {
        if (a.name() == null) {
          continue;
        }
        String n = Tokenizer.normalize(a.name());
        owners.computeIfAbsent(n, k -> new HashSet<>()).add(e.id());
        if (a.constrained() || a.from() != null || a.to() != null) {
          ruled.add(n);
        }
      }
    }
    Set<String> out = new HashSet<>(ruled);
    owners.forEach(
        (n, ids) -> {
          if (ids.size() > 1) {
            out.add(n);
          }
        });
    return out;
  }

  private void readTemplates() {
    try (InputStream in =
            CorpusGenerator.class.getResourceAsStream("/marsad-conf/generator/templates.txt");
        BufferedReader r =
            new BufferedReader(
                new InputStreamReader(
                    java.util.Objects.requireNonNull(in, "generator templates not on classpath"),
                    StandardCharsets.UTF_8))) {
      List<String> section = entitySentences;
      for (String line; (line = r.readLine()) != null; ) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        switch (line) {
          case "[entity]" -> section = entitySentences;
          case "[filler]" -> section = fillers;
          case "[title]" -> section = titles;
          default -> section.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private Country country() {
    return !watched.isEmpty() && random.nextDouble() < settings.watchShare()
        ? pick(watched)
        : pick(countries);
  }

  /** The next article, or a copy of {@code previous} (exact or near) at the configured rates. */
  public Article next(Article previous) {
    double r = random.nextDouble();
    String id = String.format("GEN-%08d", next++);
    String source = SOURCES[random.nextInt(Math.min(settings.sources(), SOURCES.length))];
    String url =
        "https://news.example/" + Integer.toHexString(source.hashCode() & 0xfffff) + "/" + id;
    if (previous != null
        && previous.copyOf() == null
        && r < settings.exactCopyRate() + settings.nearCopyRate()) {
      // An exact copy, or a light edit: one more sentence at the end leaves every planted span
      // where it was.
      boolean near = r >= settings.exactCopyRate();
      String body = near ? previous.body() + " " + pick(fillers) : previous.body();
      return new Article(
          id,
          url,
          source,
          previous.day(),
          previous.title(),
          body,
          previous.mentions(),
          previous.id(),
          near);
    }
    long days = settings.to().toEpochDay() - settings.from().toEpochDay() + 1;
    day = settings.from().plusDays(random.nextLong(days));
    List<Planted> planted = new ArrayList<>();
    Country lead = country();
    StringBuilder title = new StringBuilder();
    render(pick(titles), lead, title, "title", planted);
    StringBuilder body = new StringBuilder();
    // Dateline: the lead country's capital.
    Named capital = lead.capital();
    plant(body, "", pick(capital.names()), capital.entityId(), "body", planted);
    body.append(" - ");
    int paragraphs = 2 + random.nextInt(5);
    for (int p = 0; p < paragraphs; p++) {
      if (p > 0) {
        body.append('\n');
      }
      int sentences = 2 + random.nextInt(3);
      for (int s = 0; s < sentences; s++) {
        if (s > 0) {
          body.append(' ');
        }
        boolean entity = random.nextDouble() < 0.6;
        Country c = (s == 0 && p == 0) ? lead : country();
        render(entity ? pick(entitySentences) : pick(fillers), c, body, "body", planted);
      }
    }
    return new Article(
        id, url, source, day, title.toString(), body.toString(), planted, null, false);
  }

  /** Writes a template with its slots filled, recording what each slot planted. */
  private void render(
      String template, Country first, StringBuilder out, String field, List<Planted> planted) {
    Country current = first;
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        out.append(template, i, template.length());
        break;
      }
      // Proclitic letters written against the slot belong to the name's token.
      int p = open;
      while (p > i && isProcliticLetter(template.charAt(p - 1))) {
        p--;
      }
      if (p > 0 && !isSpace(template.charAt(p - 1))) {
        p = open; // the letters end a word of the template
      }
      String proclitic = template.substring(p, open);
      out.append(template, i, p);
      int close = template.indexOf('}', open);
      String slot = template.substring(open + 1, close);
      plantSlot(slot, current, proclitic, out, field, planted);
      current = country();
      i = close + 1;
    }
  }

  private void plantSlot(
      String slot,
      Country c,
      String proclitic,
      StringBuilder out,
      String field,
      List<Planted> planted) {
    switch (slot) {
      case "C" -> plant(out, proclitic, pick(c.names()), c.id(), field, planted);
      case "CITY" ->
          plant(out, proclitic, pick(c.capital().names()), c.capital().entityId(), field, planted);
      case "P" -> {
        Named person = leader(c);
        plant(out, proclitic, pick(person.names()), person.entityId(), field, planted);
      }
      case "E" -> {
        double r = random.nextDouble();
        if (r < 0.6 || (c.leaders().isEmpty() && r >= 0.8)) {
          plantSlot("C", c, proclitic, out, field, planted);
        } else if (r < 0.8) {
          plantSlot("CITY", c, proclitic, out, field, planted);
        } else {
          plantSlot("P", c, proclitic, out, field, planted);
        }
      }
      case "DM", "DF", "DP" -> {
        Country d = c;
        for (int tries = 0; d.demonym() == null && tries < 20; tries++) {
          d = country();
        }
        if (d.demonym() == null) {
          out.append("المحلي");
          return;
        }
        String suffix = slot.equals("DM") ? "" : slot.equals("DF") ? "ة" : "ين";
        plant(out, proclitic, d.demonym() + suffix, d.id(), field, planted);
      }
      default -> throw new IllegalArgumentException("unknown slot {" + slot + "}");
    }
  }

  /** One of the country's leaders in office on the article's day, else any of its leaders. */
  private Named leader(Country c) {
    if (c.leaders().isEmpty()) {
      return pick(people);
    }
    List<Named> active = new ArrayList<>();
    for (Named n : c.leaders()) {
      for (Entity.Role r : rolesOf.get(n.entityId())) {
        if (r.country().equals(c.id()) && r.activeOn(day)) {
          active.add(n);
          break;
        }
      }
    }
    return pick(active.isEmpty() ? c.leaders() : active);
  }

  /** Appends proclitic + name (ل + ال written لل) and records the whole token's span. */
  private static void plant(
      StringBuilder out,
      String proclitic,
      String name,
      String entityId,
      String field,
      List<Planted> planted) {
    int start = out.length();
    if (proclitic.endsWith("ل") && name.startsWith("ال")) {
      out.append(proclitic).append(name, 1, name.length());
    } else {
      out.append(proclitic).append(name);
    }
    planted.add(new Planted(field, start, out.length(), entityId));
  }

  private static boolean isProcliticLetter(char c) {
    return PROCLITIC_LETTERS.indexOf(c) >= 0;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c);
  }

  /** For tests: a fresh generator's first {@code n} articles (copies included). */
  public static List<Article> sample(Catalog catalog, Settings s, int n) {
    CorpusGenerator g = new CorpusGenerator(catalog, s);
    List<Article> out = new ArrayList<>(n);
    Article prev = null;
    for (int i = 0; i < n; i++) {
      prev = g.next(prev);
      out.add(prev);
    }
    return out;
  }
}
