package org.marsad.catalog;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * One catalog entry. {@code capitalOf}, {@code metonymOf} and {@code roles} define what a mention
 * of it counts toward ({@code rollup_id}) and how it was referred to ({@code form}); {@code partOf}
 * (a city's country) is a relation that does not roll up: Aleppo is not Syria speaking.
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
    String partOf,
    List<Role> roles)
    implements Serializable {

  /** A name with the conditions under which it names this entity. */
  public record Alias(
      String name,
      List<String> context,
      List<String> notFollowedBy,
      List<String> notPrecededBy,
      List<String> precededBy,
      LocalDate from,
      LocalDate to)
      implements Serializable {
    public static Alias plain(String name) {
      return new Alias(name, List.of(), List.of(), List.of(), List.of(), null, null);
    }

    /** True when the alias names its entity only under a rule. */
    public boolean constrained() {
      return !context.isEmpty()
          || !notFollowedBy.isEmpty()
          || !notPrecededBy.isEmpty()
          || !precededBy.isEmpty();
    }

    public boolean validOn(LocalDate day) {
      return day == null
          || ((from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to)));
    }
  }

  /**
   * A period during which a person leads ({@code form} = {@code leader}: head of state or
   * government) or speaks for ({@code minister}: foreign minister) a country.
   */
  public record Role(String country, String form, String title, LocalDate from, LocalDate to)
      implements Serializable {
    public boolean activeOn(LocalDate day) {
      return day != null
          && (from == null || !day.isBefore(from))
          && (to == null || !day.isAfter(to));
    }
  }
}
