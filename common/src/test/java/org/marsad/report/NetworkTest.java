package org.marsad.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class NetworkTest {
  private static final Network NET =
      new Network(
          "test <network> & co",
          List.of(
              new Network.Node("Q794", "إيران", "Iran", "COUNTRY", 120L, 80L, true),
              new Network.Node("ner:PERS:abc", "عبد ربه \"هادي\"", null, "PERSON", 5L, 4L, false),
              new Network.Node("Q43", "تركيا", "Turkey", "COUNTRY", null, null, true)),
          List.of(
              new Network.Edge(
                  "Q794", "ner:PERS:abc", 42.5, 7, 0.41, 42.5, 3.25, 6, 5, "a1,b"),
              new Network.Edge("ner:PERS:abc", "Q794", Double.NaN, 1, Double.NaN, 0, 1, 1, 1, null)));

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  @Test
  void gexfHasTypedAttributesLabelsAndWeights() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NET.writeGexf(out);
    Document d = parse(out.toByteArray());
    String ns = "http://gexf.net/1.3";
    assertThat(d.getDocumentElement().getLocalName()).isEqualTo("gexf");
    assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo(ns);
    assertThat(d.getElementsByTagNameNS(ns, "description").item(0).getTextContent())
        .isEqualTo("test <network> & co");
    assertThat(d.getElementsByTagNameNS(ns, "node").getLength()).isEqualTo(3);
    Element hadi = (Element) d.getElementsByTagNameNS(ns, "node").item(1);
    assertThat(hadi.getAttribute("label")).isEqualTo("عبد ربه \"هادي\"");
    Element e0 = (Element) d.getElementsByTagNameNS(ns, "edge").item(0);
    assertThat(e0.getAttribute("weight")).isEqualTo("42.5");
    // An undefined measure is left out, never written as NaN.
    Element e1 = (Element) d.getElementsByTagNameNS(ns, "edge").item(1);
    assertThat(e1.hasAttribute("weight")).isFalse();
    assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).doesNotContain("NaN");
    // Every attvalue names a declared attribute.
    var declared = new java.util.HashSet<String>();
    var attrs = d.getElementsByTagNameNS(ns, "attribute");
    for (int i = 0; i < attrs.getLength(); i++) {
      declared.add(((Element) attrs.item(i)).getAttribute("id"));
    }
    var values = d.getElementsByTagNameNS(ns, "attvalue");
    for (int i = 0; i < values.getLength(); i++) {
      assertThat(declared).contains(((Element) values.item(i)).getAttribute("for"));
    }
  }

  @Test
  void graphmlDeclaresEveryKeyItUses() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NET.writeGraphml(out);
    Document d = parse(out.toByteArray());
    String ns = "http://graphml.graphdrawing.org/xmlns";
    var keys = new java.util.HashSet<String>();
    var k = d.getElementsByTagNameNS(ns, "key");
    for (int i = 0; i < k.getLength(); i++) {
      keys.add(((Element) k.item(i)).getAttribute("id"));
    }
    var data = d.getElementsByTagNameNS(ns, "data");
    assertThat(data.getLength()).isGreaterThan(10);
    for (int i = 0; i < data.getLength(); i++) {
      assertThat(keys).contains(((Element) data.item(i)).getAttribute("key"));
    }
    assertThat(d.getElementsByTagNameNS(ns, "edge").getLength()).isEqualTo(2);
  }

  @Test
  void csvListsQuoteWhatNeedsQuoting() throws Exception {
    ByteArrayOutputStream edges = new ByteArrayOutputStream();
    NET.writeEdgesCsv(edges);
    List<String> lines = edges.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "Source,Target,Type,Weight,n_ab,npmi,g2,lift,n_ab_articles,n_ab_stories,"
                + "evidence_article,source_label,target_label");
    assertThat(lines.get(1))
        .isEqualTo(
            "Q794,ner:PERS:abc,Undirected,42.5,7,0.41,42.5,3.25,6,5,\"a1,b\",Iran,"
                + "\"عبد ربه \"\"هادي\"\"\"");
    ByteArrayOutputStream nodes = new ByteArrayOutputStream();
    NET.writeNodesCsv(nodes);
    assertThat(nodes.toString(StandardCharsets.UTF_8).lines())
        .hasSize(4)
        .contains("Q43,Turkey,تركيا,Turkey,COUNTRY,,,true");
  }

  @Test
  void numbersArePlainDecimals() {
    assertThat(Network.number(3.0)).isEqualTo("3");
    assertThat(Network.number(1234567.0)).isEqualTo("1234570");
    assertThat(Network.number(0.000123456789)).isEqualTo("0.000123457");
    assertThat(Network.number(Double.POSITIVE_INFINITY)).isEmpty();
  }
}
