package org.marsad.dates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every supported date format, from {@code date-cases.tsv} (Arabic stays in data files). */
class DateParserTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

  static Stream<Arguments> cases() throws Exception {
    var in = DateParserTest.class.getResourceAsStream("date-cases.tsv");
    var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return reader
        .lines()
        .filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.split("\t", -1))
        .map(f -> Arguments.of(f[5], f[0], f[1], f[2], f[3], f[4]));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("cases")
  void parses(String note, String kind, String input, String zone, String date, String instant) {
    DateParser p = new DateParser(LocalDate.of(1990, 1, 1), TODAY.plusDays(2), ZoneId.of(zone));
    DateParser.Result r =
        switch (kind) {
          case "value" -> p.parseValue(input);
          case "filename" -> p.parseFileName(input);
          case "text" -> p.parseText(input);
          default -> throw new IllegalArgumentException(kind);
        };
    if (date.equals("!")) {
      assertThat(r.ok()).as("rejected").isFalse();
      assertThat(r.error()).as("with a reason").isNotBlank();
    } else if (date.isEmpty()) {
      assertThat(r.ok()).as("no date found").isFalse();
      assertThat(r.error()).as("and no error").isNull();
    } else {
      assertThat(r.ok()).as("parsed: " + r.error()).isTrue();
      assertThat(r.date().date()).isEqualTo(LocalDate.parse(date));
      assertThat(r.date().instant()).isEqualTo(instant.equals("-") ? null : Instant.parse(instant));
    }
  }
}
