package io.mocks3.projector.replay;

import io.mocks3.faults.agent.security.ControlToken;
import io.mocks3.projector.CommandStreams;
import io.mocks3.projector.core.BucketState;
import io.mocks3.projector.core.ObjectState;
import io.mocks3.projector.topology.CommandTopology;
import io.mocks3.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The projector's state (every bucket, every version of every key, as made from the command log)
 * across all instances of the Streams application: each instance holds the stores of the command
 * partitions it is active for, so the state of the others is fetched from them
 * ({@code GET /admin/consistency/state}, one line per bucket or version). It is complete only when
 * every partition of {@code mocks3.commands} has an active instance; during a rebalance it is not,
 * and {@link #readAll} says so instead of answering part of it.
 */
public final class CommandState {
  /** What one line of the state is: a bucket (its name) or a version (its id and description). */
  public interface Sink {
    void bucket(String name);

    void version(String id, String description);
  }

  private static final String BUCKET = "b";
  private static final String VERSION = "v";
  /** The last line: a state cut short (the instance died mid-answer) has none, and is refused. */
  private static final String END = "e";
  private final CommandStreams streams;
  private final HostInfo self;
  private final String bootstrapServers;
  private int commandPartitions;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();

  /**
   * @param self this instance's {@code application.server} (how the others reach it)
   * @param bootstrapServers the broker, asked how many partitions the command log has
   */
  public CommandState(CommandStreams streams, HostInfo self, String bootstrapServers) {
    this.streams = streams;
    this.self = self;
    this.bootstrapServers = bootstrapServers;
  }

  /** Every instance's state into {@code sink}: this instance's from its stores, the others' over HTTP. */
  public void readAll(Sink sink) throws IOException, InterruptedException {
    Collection<StreamsMetadata> instances = streams.streams().metadataForAllStreamsClients();
    requireEveryPartitionActive(instances);
    readLocal(sink);
    for (StreamsMetadata other : instances) {
      if (!other.hostInfo().equals(self)) {
        try {
          readRemote(other.hostInfo(), sink);
        } catch (IOException e) {
          // Most often an instance that died and is still in the group until its session times out.
          throw new IllegalStateException("the projector instance at " + other.hostInfo() + " did not give its state ("
              + e.getMessage() + "); ask again once the group has settled", e);
        }
      }
    }
  }

  private void requireEveryPartitionActive(Collection<StreamsMetadata> instances) throws IOException {
    Set<Integer> active = new TreeSet<>();
    instances.forEach(i -> i.topicPartitions().stream().filter(tp -> tp.topic().equals(Topics.COMMANDS))
        .forEach(tp -> active.add(tp.partition())));
    int partitions = commandPartitions();
    if (active.size() < partitions) {
      throw new IllegalStateException("the command stream is rebalancing (partitions of " + Topics.COMMANDS
          + " with an active instance: " + active + " of " + partitions + "); ask again in a few seconds");
    }
  }

  /** How many partitions the command log has (asked once). */
  private synchronized int commandPartitions() throws IOException {
    if (commandPartitions == 0) {
      try (Admin admin = Admin.create(java.util.Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
        commandPartitions = admin.describeTopics(java.util.List.of(Topics.COMMANDS)).allTopicNames().get(10, TimeUnit.SECONDS)
            .get(Topics.COMMANDS).partitions().size();
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException("cannot tell how many partitions " + Topics.COMMANDS + " has: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    return commandPartitions;
  }

  /** This instance's active stores into {@code sink}. */
  public void readLocal(Sink sink) {
    ReadOnlyKeyValueStore<String, ObjectState> objects = streams.streams().store(
        StoreQueryParameters.fromNameAndType(CommandTopology.OBJECTS_STORE, QueryableStoreTypes.<String, ObjectState>keyValueStore()));
    try (KeyValueIterator<String, ObjectState> all = objects.all()) {
      while (all.hasNext()) {
        var entry = all.next();
        int nul = entry.key.indexOf('\0');
        String bucket = entry.key.substring(0, nul);
        String key = entry.key.substring(nul + 1);
        for (ObjectState.Version v : entry.value.versions()) {
          sink.version(bucket + "/" + key + "#" + v.versionId(),
              v.deleteMarker() ? "delete-marker" : v.blob().id().value() + " " + v.blob().size() + " " + v.blob().md5Hex());
        }
      }
    }
    ReadOnlyKeyValueStore<String, BucketState> buckets = streams.streams().store(
        StoreQueryParameters.fromNameAndType(CommandTopology.BUCKETS_STORE, QueryableStoreTypes.<String, BucketState>keyValueStore()));
    try (KeyValueIterator<String, BucketState> all = buckets.all()) {
      while (all.hasNext()) {
        BucketState b = all.next().value;
        if (b.exists()) {
          sink.bucket(b.name());
        }
      }
    }
  }

  /** Whether this instance's stores can be read now (its command stream runs). */
  public boolean running() {
    return streams.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING;
  }

  /** This instance's state as lines, for another instance's {@link #readAll}; the last line says it is whole. */
  public void writeLocal(Writer out) {
    PrintWriter lines = new PrintWriter(out);
    readLocal(new Sink() {
      @Override
      public void bucket(String name) {
        lines.print(line(BUCKET, name, ""));
      }

      @Override
      public void version(String id, String description) {
        lines.print(line(VERSION, id, description));
      }
    });
    lines.print(line(END, "", ""));
    lines.flush();
  }

  private void readRemote(HostInfo host, Sink sink) throws IOException, InterruptedException {
    URI uri = URI.create("http://" + (host.host().contains(":") ? "[" + host.host() + "]" : host.host()) + ":" + host.port()
        + "/admin/consistency/state");
    HttpResponse<Stream<String>> response = http.send(ControlToken.authorize(HttpRequest.newBuilder(uri))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("the projector instance at " + host + " answered " + response.statusCode()
            + " for its state: " + lines.limit(5).toList());
      }
      boolean[] whole = {false};
      lines.forEach(l -> whole[0] = accept(l, sink));
      if (!whole[0]) {
        throw new IOException("the state of the projector instance at " + host + " was cut short");
      }
    }
  }

  /** One line: kind, id and description separated by tabs; ids are escaped so that no tab or newline is in them. */
  static String line(String kind, String id, String description) {
    return kind + "\t" + escape(id) + "\t" + escape(description) + "\n";
  }

  /** Hands one line to {@code sink}; true when it was the last line. */
  static boolean accept(String line, Sink sink) {
    String[] parts = line.split("\t", 3);
    if (parts.length != 3) {
      throw new IllegalStateException("not a state line: " + line);
    }
    switch (parts[0]) {
      case BUCKET -> sink.bucket(unescape(parts[1]));
      case VERSION -> sink.version(unescape(parts[1]), unescape(parts[2]));
      case END -> {
        return true;
      }
      default -> throw new IllegalStateException("not a state line: " + line);
    }
    return false;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char next = s.charAt(++i);
        out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
