package io.mocks3.ops.bench;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 endpoint under test: the name it has in the report, its URL, headers sent with every request
 * (e.g. {@code x-mocks3-consistency:eventual}) and how many inactive fault rules the MockS3 fault
 * controller holds while it runs. Written {@code name=url[,header:value...][,rules=N]}.
 */
public record Target(String name, URI endpoint, Map<String, String> headers, int inactiveRules) {

  public static Target parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("a target is name=url[,header:value][,rules=N] (got '" + spec + "')");
    }
    String[] parts = spec.substring(eq + 1).split(",");
    URI endpoint = URI.create(parts[0].trim());
    if (endpoint.getScheme() == null || endpoint.getHost() == null) {
      throw new IllegalArgumentException("not an endpoint URL: '" + parts[0] + "'");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int rules = 0;
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].trim();
      if (part.startsWith("rules=")) {
        rules = Integer.parseInt(part.substring("rules=".length()));
      } else if (part.indexOf(':') > 0) {
        headers.put(part.substring(0, part.indexOf(':')).trim(), part.substring(part.indexOf(':') + 1).trim());
      } else {
        throw new IllegalArgumentException("'" + part + "' is neither header:value nor rules=N");
      }
    }
    return new Target(spec.substring(0, eq).trim(), endpoint, Map.copyOf(headers), rules);
  }
}
