package org.marsad.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgTest {
  private static final LocalDate D0 = LocalDate.of(2017, 1, 1);

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Svg.Point> daily(int days, double value) {
    List<Svg.Point> p = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      p.add(new Svg.Point(D0.plusDays(i), value * (i % 3)));
    }
    return p;
  }

  @Test
  void aLineChartDrawsOneGroupPerSeriesWithBandsAndBursts() throws Exception {
    List<Svg.Series> series =
        List.of(
            new Svg.Series("Iran", daily(40, 0.1), Svg.rollingMean(daily(40, 0.1), 7)),
            new Svg.Series("روسيا <x>", daily(40, 0.05), List.of()),
            new Svg.Series("empty", List.of(), List.of()));
    String svg =
        Svg.lines(
            "c",
            "share",
            true,
            D0,
            D0.plusDays(39),
            series,
            List.of(
                new Svg.Band(D0.plusDays(22), D0.plusDays(23), "astana round 1, Astana"),
                new Svg.Band(D0.plusYears(1), D0.plusYears(1), "outside")),
            List.of(new Svg.Marker(0, D0.plusDays(5), 0.2, "burst")));
    Document d = parse(svg);
    assertThat(d.getDocumentElement().getAttribute("data-series")).isEqualTo("3");
    assertThat(svg.split("class=\"series\"", -1)).hasSize(4);
    assertThat(svg.split("class=\"event\"", -1)).hasSize(2); // the band outside is not drawn
    assertThat(svg).contains("astana round 1, Astana").contains("class=\"burst\"");
    assertThat(svg).contains("روسيا &lt;x&gt;").doesNotContain("NaN");
  }

  @Test
  void stackedBarsAndTheirAxisStartAtZero() throws Exception {
    String svg =
        Svg.stacked(
            "bars",
            "articles",
            D0,
            D0.plusDays(2),
            List.of(
                new Svg.Stack("a", new double[] {1, 2, 3}),
                new Svg.Stack("b", new double[] {0, 4, 0})));
    Document d = parse(svg);
    assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength())
        .isEqualTo(4);
    assertThat(Svg.niceMax(6)).isEqualTo(10);
    assertThat(Svg.niceMax(0.034)).isEqualTo(0.05);
    assertThat(Svg.niceMax(0)).isEqualTo(1);
  }

  @Test
  void rollingMeanUsesTheTrailingWindowOfDaysPresent() {
    List<Svg.Point> p =
        List.of(
            new Svg.Point(D0, 1),
            new Svg.Point(D0.plusDays(1), 3),
            new Svg.Point(D0.plusDays(10), 5));
    assertThat(Svg.rollingMean(p, 7))
        .extracting(Svg.Point::value)
        .containsExactly(1.0, 2.0, 5.0);
  }

  @Test
  void ticksFollowTheSpan() {
    assertThat(Svg.ticks(D0, D0.plusDays(20))).hasSizeBetween(6, 11);
    assertThat(Svg.ticks(D0, D0.plusYears(3))).allMatch(t -> t.getDayOfMonth() == 1).hasSizeBetween(6, 13);
  }
}
