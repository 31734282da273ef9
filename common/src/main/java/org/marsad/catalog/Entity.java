package org.marsad.catalog;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * One catalog entry. {@code capitalOf}, {@code metonymOf} and {@code roles} define what a mention
 * of it counts toward ({@code rollup_id}) and how it was referred to ({@code form}).
 */
public record Entity(
    String id,
    String type,
    String en,
    String ar,
    List<Alias> aliases,
    List<Alias> demonyms,
    String capitalOf,
    String metonymOf,
    List<Role> roles)
    implements Serializable {

  /** A name with the conditions under which it names this entity. */
  public record Alias(
      String name,
      List<String> context,
      List<String> notFollowedBy,
      List<String> notPrecededBy,
      LocalDate from,
      LocalDate to)
      implements Serializable {
    public static Alias plain(String name) {
      return new Alias(name, List.of(), List.of(), List.of(), null, null);
    }

    /** True when the alias names its entity only under a rule. */
    public boolean constrained() {
      return !context.isEmpty() || !notFollowedBy.isEmpty() || !notPrecededBy.isEmpty();
    }

    public boolean validOn(LocalDate day) {
      return day == null
          || ((from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to)));
    }
  }

  /** A period during which a person leads (or speaks for) a country. */
  public record Role(String leaderOf, String title, LocalDate from, LocalDate to)
      implements Serializable {
    public boolean activeOn(LocalDate day) {
      return day != null
          && (from == null || !day.isBefore(from))
          && (to == null || !day.isAfter(to));
    }
  }
}
