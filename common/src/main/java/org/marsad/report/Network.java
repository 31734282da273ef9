package org.marsad.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A co-occurrence network of one period, as the graph tools read it: GEXF 1.3 (Gephi), GraphML
 * (networkx, Cytoscape, yEd) and Gephi's spreadsheet CSV (an edge list and a node list).
 *
 * @param description one line saying what the network is (period, scope, level, weight)
 * @param nodes every entity of an edge, and the watch list's members even when isolated
 * @param edges undirected, {@code source < target}
 */
public record Network(String description, List<Node> nodes, List<Edge> edges) {

  /** An entity, with the counts of {@code entity_trends} for the period (null when absent). */
  public record Node(
      String id,
      String labelAr,
      String labelEn,
      String type,
      Long mentions,
      Long articles,
      boolean watched) {
    /** English where known, else Arabic, else the id: what a graph tool shows on the node. */
    public String label() {
      return labelEn != null ? labelEn : labelAr != null ? labelAr : id;
    }
  }

  /** A pair of {@code cooccurrence}, weighted by the measure the user chose. */
  public record Edge(
      String source,
      String target,
      double weight,
      long nAb,
      double npmi,
      double g2,
      double lift,
      long nAbArticles,
      long nAbStories,
      String evidenceArticle) {}

  /** Output formats. */
  public enum Format {
    gexf,
    graphml,
    csv
  }

  private record Attr(String id, String gexfType, String graphmlType) {}

  private static final List<Attr> NODE_ATTRS =
      List.of(
          new Attr("label_ar", "string", "string"),
          new Attr("label_en", "string", "string"),
          new Attr("type", "string", "string"),
          new Attr("mentions", "long", "long"),
          new Attr("articles", "long", "long"),
          new Attr("watched", "boolean", "boolean"));

  private static final List<Attr> EDGE_ATTRS =
      List.of(
          new Attr("n_ab", "long", "long"),
          new Attr("npmi", "double", "double"),
          new Attr("g2", "double", "double"),
          new Attr("lift", "double", "double"),
          new Attr("n_ab_articles", "long", "long"),
          new Attr("n_ab_stories", "long", "long"),
          new Attr("evidence_article", "string", "string"));

  private static Object[] values(Node n) {
    return new Object[] {n.labelAr, n.labelEn, n.type, n.mentions, n.articles, n.watched};
  }

  private static Object[] values(Edge e) {
    return new Object[] {
      e.nAb, e.npmi, e.g2, e.lift, e.nAbArticles, e.nAbStories, e.evidenceArticle
    };
  }

  /** GEXF 1.3, undirected, static; node and edge attributes declared with their types. */
  public void writeGexf(OutputStream out) throws IOException {
    xml(
        out,
        w -> {
          w.writeStartElement("gexf");
          w.writeDefaultNamespace("http://gexf.net/1.3");
          w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
          w.writeAttribute(
              "http://www.w3.org/2001/XMLSchema-instance",
              "schemaLocation",
              "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd");
          w.writeAttribute("version", "1.3");
          w.writeStartElement("meta");
          element(w, "creator", "Marsad");
          element(w, "description", description);
          w.writeEndElement();
          w.writeStartElement("graph");
          w.writeAttribute("defaultedgetype", "undirected");
          w.writeAttribute("mode", "static");
          gexfAttributes(w, "node", NODE_ATTRS);
          gexfAttributes(w, "edge", EDGE_ATTRS);
          w.writeStartElement("nodes");
          for (Node n : nodes) {
            w.writeStartElement("node");
            w.writeAttribute("id", n.id);
            w.writeAttribute("label", n.label());
            gexfValues(w, NODE_ATTRS, values(n));
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeStartElement("edges");
          int i = 0;
          for (Edge e : edges) {
            w.writeStartElement("edge");
            w.writeAttribute("id", Integer.toString(i++));
            w.writeAttribute("source", e.source);
            w.writeAttribute("target", e.target);
            if (!number(e.weight).isEmpty()) {
              w.writeAttribute("weight", number(e.weight));
            }
            gexfValues(w, EDGE_ATTRS, values(e));
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeEndElement();
          w.writeEndElement();
        });
  }

  /** GraphML with typed keys; the edge's {@code weight} is a key like the others. */
  public void writeGraphml(OutputStream out) throws IOException {
    xml(
        out,
        w -> {
          w.writeStartElement("graphml");
          w.writeDefaultNamespace("http://graphml.graphdrawing.org/xmlns");
          w.writeStartElement("key");
          w.writeAttribute("id", "label");
          w.writeAttribute("for", "node");
          w.writeAttribute("attr.name", "label");
          w.writeAttribute("attr.type", "string");
          w.writeEndElement();
          graphmlKeys(w, "node", NODE_ATTRS);
          w.writeStartElement("key");
          w.writeAttribute("id", "weight");
          w.writeAttribute("for", "edge");
          w.writeAttribute("attr.name", "weight");
          w.writeAttribute("attr.type", "double");
          w.writeEndElement();
          graphmlKeys(w, "edge", EDGE_ATTRS);
          w.writeStartElement("graph");
          w.writeAttribute("id", "marsad");
          w.writeAttribute("edgedefault", "undirected");
          element(w, "desc", description);
          for (Node n : nodes) {
            w.writeStartElement("node");
            w.writeAttribute("id", n.id);
            data(w, "label", n.label());
            graphmlValues(w, NODE_ATTRS, values(n));
            w.writeEndElement();
          }
          for (Edge e : edges) {
            w.writeStartElement("edge");
            w.writeAttribute("source", e.source);
            w.writeAttribute("target", e.target);
            if (!number(e.weight).isEmpty()) {
              data(w, "weight", number(e.weight));
            }
            graphmlValues(w, EDGE_ATTRS, values(e));
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeEndElement();
        });
  }

  /** Gephi's edge list: {@code Source,Target,Type,Weight}, then the edge attributes and labels. */
  public void writeEdgesCsv(OutputStream out) throws IOException {
    java.util.Map<String, String> labels = new java.util.HashMap<>();
    nodes.forEach(n -> labels.put(n.id, n.label()));
    List<String> header = new java.util.ArrayList<>(List.of("Source", "Target", "Type", "Weight"));
    EDGE_ATTRS.forEach(a -> header.add(a.id));
    header.addAll(List.of("source_label", "target_label"));
    List<List<String>> rows = new java.util.ArrayList<>();
    for (Edge e : edges) {
      List<String> r =
          new java.util.ArrayList<>(List.of(e.source, e.target, "Undirected", number(e.weight)));
      for (Object v : values(e)) {
        r.add(text(v));
      }
      r.add(labels.get(e.source));
      r.add(labels.get(e.target));
      rows.add(r);
    }
    writeCsv(out, header, rows);
  }

  /** Gephi's node list: {@code Id,Label}, then the node attributes. */
  public void writeNodesCsv(OutputStream out) throws IOException {
    List<String> header = new java.util.ArrayList<>(List.of("Id", "Label"));
    NODE_ATTRS.forEach(a -> header.add(a.id));
    List<List<String>> rows = new java.util.ArrayList<>();
    for (Node n : nodes) {
      List<String> r = new java.util.ArrayList<>(List.of(n.id, n.label()));
      for (Object v : values(n)) {
        r.add(text(v));
      }
      rows.add(r);
    }
    writeCsv(out, header, rows);
  }

  private static void writeCsv(OutputStream out, List<String> header, List<List<String>> rows)
      throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(Csv.line(header) + "\n");
    for (List<String> r : rows) {
      w.write(Csv.line(r) + "\n");
    }
    w.flush();
  }

  private interface XmlBody {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private static void xml(OutputStream out, XmlBody body) throws IOException {
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      body.write(w);
      w.writeEndDocument();
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  private static void gexfAttributes(XMLStreamWriter w, String cls, List<Attr> attrs)
      throws XMLStreamException {
    w.writeStartElement("attributes");
    w.writeAttribute("class", cls);
    for (Attr a : attrs) {
      w.writeEmptyElement("attribute");
      w.writeAttribute("id", a.id);
      w.writeAttribute("title", a.id);
      w.writeAttribute("type", a.gexfType);
    }
    w.writeEndElement();
  }

  private static void gexfValues(XMLStreamWriter w, List<Attr> attrs, Object[] values)
      throws XMLStreamException {
    w.writeStartElement("attvalues");
    for (int i = 0; i < attrs.size(); i++) {
      if (!text(values[i]).isEmpty()) {
        w.writeEmptyElement("attvalue");
        w.writeAttribute("for", attrs.get(i).id);
        w.writeAttribute("value", text(values[i]));
      }
    }
    w.writeEndElement();
  }

  private static void graphmlKeys(XMLStreamWriter w, String kind, List<Attr> attrs)
      throws XMLStreamException {
    for (Attr a : attrs) {
      w.writeEmptyElement("key");
      w.writeAttribute("id", a.id);
      w.writeAttribute("for", kind);
      w.writeAttribute("attr.name", a.id);
      w.writeAttribute("attr.type", a.graphmlType);
    }
  }

  private static void graphmlValues(XMLStreamWriter w, List<Attr> attrs, Object[] values)
      throws XMLStreamException {
    for (int i = 0; i < attrs.size(); i++) {
      if (!text(values[i]).isEmpty()) {
        data(w, attrs.get(i).id, text(values[i]));
      }
    }
  }

  private static void data(XMLStreamWriter w, String key, String value) throws XMLStreamException {
    w.writeStartElement("data");
    w.writeAttribute("key", key);
    w.writeCharacters(value);
    w.writeEndElement();
  }

  private static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(text);
    w.writeEndElement();
  }

  private static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return number(d);
    }
    return v.toString();
  }

  /** Finite doubles as plain decimals; NaN and infinities (an empty cell) become empty. */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "";
    }
    return new java.math.BigDecimal(d)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }

}
