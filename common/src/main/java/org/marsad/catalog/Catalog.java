package org.marsad.catalog;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.marsad.config.MarsadConfig;
import org.marsad.config.MarsadConfig.InvalidConfigException;
import org.marsad.nlp.Tokenizer;

/**
 * The entity catalog: entries read from HOCON files ({@code conf/entities/*.conf}), each with a
 * Wikidata QID, a type, labels, aliases, demonyms and relations. Arabic lives in those files.
 */
public final class Catalog implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, Entity> entities;

  /** The file each entity was read from (not part of equality: the entities are the catalog). */
  private final Map<String, String> files = new java.util.HashMap<>();

  public Catalog(List<Entity> list) {
    Map<String, Entity> m = new LinkedHashMap<>();
    for (Entity e : list) {
      if (m.putIfAbsent(e.id(), e) != null) {
        throw new InvalidConfigException("catalog: entity " + e.id() + " is defined twice");
      }
    }
    this.entities = m;
  }

  public Map<String, Entity> entities() {
    return entities;
  }

  /**
   * Where an entity comes from: {@code discovered} (a name the NER model found), {@code generated}
   * (the catalog files made from CLDR) or {@code catalog} (the curated files, the user's own).
   */
  public String origin(String id) {
    if (isDiscovered(id)) {
      return ORIGIN_DISCOVERED;
    }
    String file = files.get(id);
    return file != null && file.contains("generated/") ? "generated" : "catalog";
  }

  public static final String ORIGIN_DISCOVERED = "discovered";

  /**
   * What a mention of {@code id} counts toward whatever the day: the country of a capital or of a
   * metonym, else the entity itself (a leader's term is dated: see {@link #rollup}).
   */
  public String staticRollup(String id) {
    Entity e = entities.get(id);
    if (e == null) {
      return id;
    }
    return e.capitalOf() != null ? e.capitalOf() : e.metonymOf() != null ? e.metonymOf() : id;
  }

  /**
   * The same entities in the same order (the order breaks ties between names): a deserialised copy
   * equals its original. Entities are records, compared by content.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Catalog c
        && List.copyOf(entities.values()).equals(List.copyOf(c.entities.values()));
  }

  @Override
  public int hashCode() {
    return List.copyOf(entities.values()).hashCode();
  }

  /**
   * Every {@code form} a mention can take ({@link #formAndRollup}): the base forms, capital,
   * metonym and the catalog's role forms.
   */
  public Set<String> forms() {
    Set<String> forms = new TreeSet<>(List.of("name", "alias", "demonym", "capital", "metonym"));
    if (entities.keySet().stream().anyMatch(Catalog::isDiscovered)) {
      forms.add(DISCOVERED);
    }
    for (Entity e : entities.values()) {
      e.roles().forEach(r -> forms.add(r.form()));
    }
    return forms;
  }

  /** The {@code form} of a match of an auto-lexicon entity (a name the NER model found). */
  public static final String DISCOVERED = "discovered";

  /** Ids of entities the NER model found: {@code ner:<TYPE>:<hash>}. */
  public static boolean isDiscovered(String id) {
    return id.startsWith("ner:");
  }

  /**
   * This catalog and the entities of one more catalog file ({@code marsad discover}'s
   * auto-lexicon), after its own: entities already here are kept as they are.
   */
  public Catalog with(Config file, String name) {
    List<Entity> all = new ArrayList<>(entities.values());
    if (file.hasPath("entities")) {
      for (Config e : file.getConfigList("entities")) {
        Entity x = parse(e, name);
        if (!entities.containsKey(x.id())) {
          all.add(x);
        }
      }
    }
    Catalog out = new Catalog(all);
    out.files.putAll(files);
    return out;
  }

  public Entity get(String id) {
    return entities.get(id);
  }

  /**
   * How a mention of {@code id}, found as a {@code baseForm} ({@code name}, {@code alias} or {@code
   * demonym}) on {@code day}, was referred to and what it counts toward: {@code {form, rollup_id}}.
   * A demonym counts toward its own country; a capital, metonym, sitting leader or foreign minister
   * toward the country; anything else toward itself.
   */
  public String[] formAndRollup(String id, String baseForm, LocalDate day) {
    Entity e = entities.get(id);
    if (isDiscovered(id)) {
      return new String[] {DISCOVERED, id};
    }
    if (e == null || baseForm.equals("demonym")) {
      return new String[] {baseForm, id};
    }
    if (e.capitalOf() != null) {
      return new String[] {"capital", e.capitalOf()};
    }
    if (e.metonymOf() != null) {
      return new String[] {"metonym", e.metonymOf()};
    }
    Entity.Role role = activeRole(e, day);
    return role != null ? new String[] {role.form(), role.country()} : new String[] {baseForm, id};
  }

  /**
   * What a mention of {@code id} on {@code day} counts toward: the country of a capital, of a
   * metonym, or of a leader during his term; else the entity itself (also for unknown ids).
   */
  public String rollup(String id, LocalDate day) {
    Entity e = entities.get(id);
    String fixed = staticRollup(id);
    if (e == null || !fixed.equals(id)) {
      return fixed;
    }
    Entity.Role role = activeRole(e, day);
    return role != null ? role.country() : id;
  }

  /** The role a person holds on {@code day} (a leader's before a minister's), or null. */
  private static Entity.Role activeRole(Entity e, LocalDate day) {
    for (Entity.Role r : e.roles()) {
      if (r.activeOn(day)) {
        return r;
      }
    }
    return null;
  }

  /**
   * Loads the catalog files named in {@code extract.catalog}: paths relative to {@code conf/} (read
   * from the jar), or absolute paths of the user's own files.
   */
  public static Catalog load(Config config) {
    List<Entity> all = new ArrayList<>();
    Map<String, String> files = new java.util.HashMap<>();
    for (String path : config.getStringList("extract.catalog")) {
      File f = new File(path);
      Config c =
          f.isAbsolute()
              ? ConfigFactory.parseFile(f)
              : ConfigFactory.parseResources(
                  Catalog.class.getClassLoader(),
                  MarsadConfig.DEFAULTS_RESOURCE.replace("marsad.conf", path));
      if (!c.hasPath("entities")) {
        throw new InvalidConfigException("catalog file " + path + " has no 'entities' list");
      }
      for (Config e : c.getConfigList("entities")) {
        all.add(parse(e, path));
        files.putIfAbsent(all.get(all.size() - 1).id(), path);
      }
    }
    Catalog out = new Catalog(all);
    out.files.putAll(files);
    return out;
  }

  static Entity parse(Config e, String file) {
    try {
      List<Entity.Alias> aliases = aliases(e, "aliases");
      List<Entity.Role> roles = new ArrayList<>();
      if (e.hasPath("roles")) {
        for (Config r : e.getConfigList("roles")) {
          boolean leader = r.hasPath("leader_of");
          roles.add(
              new Entity.Role(
                  leader ? r.getString("leader_of") : r.getString("minister_of"),
                  leader ? "leader" : "minister",
                  r.hasPath("title") ? r.getString("title") : null,
                  date(r, "from"),
                  date(r, "to")));
        }
        // A head of state who is also foreign minister counts as the leader.
        roles.sort(java.util.Comparator.comparing(r -> !r.form().equals("leader")));
      }
      return new Entity(
          e.getString("id"),
          e.getString("type"),
          e.getString("en"),
          e.getString("ar"),
          List.copyOf(aliases),
          aliases(e, "demonyms"),
          e.hasPath("capital_of") ? e.getString("capital_of") : null,
          e.hasPath("metonym_of") ? e.getString("metonym_of") : null,
          e.hasPath("part_of") ? e.getString("part_of") : null,
          List.copyOf(roles));
    } catch (com.typesafe.config.ConfigException ex) {
      throw new InvalidConfigException("catalog " + file + ": " + ex.getMessage());
    }
  }

  /** Names: plain strings, or objects {@code {name, context, not_followed_by, ...}}. */
  private static List<Entity.Alias> aliases(Config e, String key) {
    List<Entity.Alias> out = new ArrayList<>();
    if (e.hasPath(key)) {
      for (ConfigValue v : e.getList(key)) {
        if (v.valueType() == ConfigValueType.STRING) {
          out.add(Entity.Alias.plain((String) v.unwrapped()));
        } else {
          Config a = ((com.typesafe.config.ConfigObject) v).toConfig();
          out.add(
              new Entity.Alias(
                  a.getString("name"),
                  list(a, "context"),
                  list(a, "not_followed_by"),
                  list(a, "not_preceded_by"),
                  list(a, "preceded_by"),
                  date(a, "from"),
                  date(a, "to")));
        }
      }
    }
    return List.copyOf(out);
  }

  private static List<String> list(Config c, String key) {
    return c.hasPath(key) ? List.copyOf(c.getStringList(key)) : List.of();
  }

  private static LocalDate date(Config c, String key) {
    return c.hasPath(key) ? LocalDate.parse(c.getString(key)) : null;
  }

  /**
   * Problems a curator must look at: relation targets that are not in the catalog (errors),
   * normalised names claimed by more than one entity without a context rule to tell them apart
   * (listed for review; some, like عمان, are meant to be shared), and entities still waiting for a
   * checked Wikidata QID (a {@code marsad:} id).
   */
  public List<String> check() {
    List<String> problems = new ArrayList<>();
    Map<String, TreeSet<String>> owners = new TreeMap<>();
    for (Entity e : entities.values()) {
      if (!e.id().matches("Q[1-9][0-9]*")) {
        problems.add("no Wikidata QID yet: " + e.id() + " (" + e.en() + ")");
      }
      for (String target : targets(e)) {
        if (!entities.containsKey(target)) {
          problems.add("error: " + e.id() + " (" + e.en() + ") refers to unknown " + target);
        }
      }
      List<String> names = new ArrayList<>();
      names.add(e.ar());
      e.aliases().stream().filter(a -> !a.constrained()).forEach(a -> names.add(a.name()));
      for (String n : names) {
        owners.computeIfAbsent(Tokenizer.normalize(n), k -> new TreeSet<>()).add(e.id());
      }
    }
    owners.forEach(
        (name, ids) -> {
          if (ids.size() > 1) {
            problems.add("shared name: '" + name + "' names " + ids);
          }
        });
    return problems;
  }

  private static List<String> targets(Entity e) {
    List<String> t = new ArrayList<>();
    if (e.capitalOf() != null) {
      t.add(e.capitalOf());
    }
    if (e.metonymOf() != null) {
      t.add(e.metonymOf());
    }
    if (e.partOf() != null) {
      t.add(e.partOf());
    }
    e.roles().forEach(r -> t.add(r.country()));
    return t;
  }
}
