package org.marsad.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads Marsad's configuration: the defaults in {@code conf/marsad.conf} (bundled in the jar), then
 * a {@code --conf} file, then {@code --set key=value} overrides, each winning over the one before.
 * Unknown keys and values of the wrong type are rejected with a message that names them.
 */
public final class MarsadConfig {
  private MarsadConfig() {}

  /** Classpath location of the defaults (copied from {@code conf/} by the build). */
  public static final String DEFAULTS_RESOURCE = "marsad-conf/marsad.conf";

  public static final String ROOT = "marsad";
  private static final String SOURCES = "sources";
  private static final String DEFAULT_SOURCE = "default";

  /** Thrown for a configuration a user must fix; the message is one line. */
  public static final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
      super(message);
    }
  }

  /** The bundled defaults, under {@code marsad}. */
  public static Config defaults() {
    return ConfigFactory.parseResources(
            MarsadConfig.class.getClassLoader(),
            DEFAULTS_RESOURCE,
            ConfigParseOptions.defaults().setAllowMissing(false))
        .resolve()
        .getConfig(ROOT);
  }

  /**
   * The effective configuration (without the {@code marsad.} prefix).
   *
   * @param confFile a HOCON file, with or without a top-level {@code marsad} object; may be null
   * @param overrides {@code key=value} strings, keys with or without the {@code marsad.} prefix
   */
  public static Config load(File confFile, List<String> overrides) {
    Config defaults = defaults();
    Config user = ConfigFactory.empty();
    if (confFile != null) {
      if (!confFile.isFile()) {
        throw new InvalidConfigException("config file not found: " + confFile);
      }
      try {
        Config file = ConfigFactory.parseFile(confFile).resolve();
        user = file.hasPath(ROOT) && file.root().size() == 1 ? file.getConfig(ROOT) : file;
      } catch (ConfigException e) {
        throw new InvalidConfigException("bad config file " + confFile + ": " + e.getMessage());
      }
    }
    Config sets = ConfigFactory.empty();
    for (String kv : overrides == null ? List.<String>of() : overrides) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new InvalidConfigException("--set wants key=value, got '" + kv + "'");
      }
      String key = kv.substring(0, eq).strip();
      if (key.startsWith(ROOT + ".")) {
        key = key.substring(ROOT.length() + 1);
      }
      try {
        Config one =
            ConfigFactory.parseString(
                key + " = " + kv.substring(eq + 1),
                ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF));
        sets = one.withFallback(sets);
      } catch (ConfigException e) {
        throw new InvalidConfigException("bad --set '" + kv + "': " + e.getMessage());
      }
    }
    Config userAll = sets.withFallback(user);
    rejectUnknownKeys(userAll, defaults);
    Config effective = withSourceDefaults(userAll.withFallback(defaults));
    try {
      effective.checkValid(withSourceDefaults(defaults));
    } catch (ConfigException.ValidationFailed e) {
      throw new InvalidConfigException("invalid configuration: " + firstProblem(e));
    }
    checkTypes(userAll, effective, withSourceDefaults(defaults));
    return effective;
  }

  /** Every source mapping falls back to {@code sources.default} for what it does not set. */
  private static Config withSourceDefaults(Config config) {
    Config base = config.getConfig(SOURCES + "." + DEFAULT_SOURCE);
    Config out = config;
    for (String name : config.getConfig(SOURCES).root().keySet()) {
      String path = SOURCES + "." + quote(name);
      out = out.withValue(path, config.getConfig(path).withFallback(base).root());
    }
    return out;
  }

  private static void rejectUnknownKeys(Config user, Config defaults) {
    Set<String> unknown = new TreeSet<>();
    Config sourceTemplate = defaults.getConfig(SOURCES + "." + DEFAULT_SOURCE);
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String key = e.getKey();
      List<String> parts = com.typesafe.config.ConfigUtil.splitPath(key);
      if (parts.size() >= 3 && parts.get(0).equals(SOURCES)) {
        String rest = com.typesafe.config.ConfigUtil.joinPath(parts.subList(2, parts.size()));
        // A new mapping may set exactly the keys the default mapping has.
        if (!sourceTemplate.hasPath(rest)) {
          unknown.add(key);
        }
      } else if (parts.size() == 2 && parts.get(0).equals("watchlists")) {
        continue; // watch lists are named by the user
      } else if (!defaults.hasPath(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidConfigException(
          "unknown configuration key"
              + (unknown.size() > 1 ? "s: " : ": ")
              + String.join(", ", unknown)
              + " (see conf/marsad.conf for the keys there are)");
    }
  }

  /**
   * checkValid lets a string stand for anything (it could be converted later); reading each key the
   * user set with its default's type finds {@code min_share = lots} now, not mid-job.
   */
  private static void checkTypes(Config user, Config effective, Config reference) {
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String key = e.getKey();
      String refKey = key;
      List<String> parts = com.typesafe.config.ConfigUtil.splitPath(key);
      if (!reference.hasPath(refKey) && parts.size() >= 3 && parts.get(0).equals(SOURCES)) {
        refKey =
            SOURCES
                + "."
                + DEFAULT_SOURCE
                + "."
                + com.typesafe.config.ConfigUtil.joinPath(parts.subList(2, parts.size()));
      }
      if (!reference.hasPath(refKey)) {
        continue;
      }
      try {
        switch (reference.getValue(refKey).valueType()) {
          case NUMBER -> effective.getDouble(key);
          case BOOLEAN -> effective.getBoolean(key);
          case LIST -> effective.getList(key);
          case OBJECT -> effective.getObject(key);
          default -> effective.getString(key);
        }
      } catch (ConfigException.WrongType ex) {
        throw new InvalidConfigException(
            "invalid configuration: "
                + key
                + " must be a "
                + reference.getValue(refKey).valueType().name().toLowerCase(java.util.Locale.ROOT)
                + ", got '"
                + e.getValue().unwrapped()
                + "'");
      }
    }
  }

  private static String firstProblem(ConfigException.ValidationFailed e) {
    var problems = new ArrayList<>();
    e.problems().forEach(p -> problems.add(p.path() + ": " + p.problem()));
    return problems.isEmpty() ? e.getMessage() : String.valueOf(problems.get(0));
  }

  private static String quote(String key) {
    return com.typesafe.config.ConfigUtil.quoteString(key);
  }

  /** The configuration as one line of JSON, for logs and run reports. */
  public static String toJson(Config config) {
    return config.root().render(ConfigRenderOptions.concise());
  }
}
