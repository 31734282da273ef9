package org.marsad.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/** Shared Jackson setup and field lookup for the JSON readers. */
final class JsonSupport {
  private JsonSupport() {}

  static ObjectMapper mapper(int maxRecordChars) {
    JsonFactory f =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(Math.max(maxRecordChars, 1 << 20))
                    .maxNestingDepth(200)
                    .build())
            .build();
    return new ObjectMapper(f);
  }

  /** Looks a field up by name, a dotted path ({@code meta.date}), then case-insensitively. */
  static RawRecord.Fields fields(JsonNode obj) {
    return name -> {
      JsonNode v = obj.get(name);
      if (v == null && name.indexOf('.') > 0) {
        v = obj.at("/" + name.replace('.', '/'));
        if (v.isMissingNode()) {
          v = null;
        }
      }
      if (v == null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (e.getKey().equalsIgnoreCase(name)) {
            v = e.getValue();
            break;
          }
        }
      }
      if (v == null || v.isNull()) {
        return null;
      }
      return v.isValueNode() ? v.asText() : v.toString();
    };
  }
}
