package io.mocks3.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's Prometheus metrics, as Prometheus would scrape them. */
final class Scrape {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Scrape() {}

  static String text(int port) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(LocalStackExtension.layout().url(port) + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The value of one series (name and exact labels as Prometheus prints them); 0 when absent. */
  static double value(int port, String series) throws Exception {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text(port));
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
