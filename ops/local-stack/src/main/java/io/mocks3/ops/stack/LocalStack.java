package io.mocks3.ops.stack;

import io.mocks3.client.MockS3Control;
import io.mocks3.schemas.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ops/mocks3}: the local stack's command line. */
@Command(
    name = "mocks3",
    mixinStandardHelpOptions = true,
    description = "Runs MockS3 locally: Kafka (KRaft), PostgreSQL, Redis and every service as its own process.",
    subcommands = {HelpCommand.class, LocalStack.Replay.class, LocalStack.Consistency.class, LocalStack.Origin.class, RuleCommand.class, ChaosCommand.class,
        ScenarioCommand.class, KillSwitchCommand.class, EventsCommand.class, DlqCommand.class, RunCommand.class})
public final class LocalStack {
  @Option(names = "--repo", defaultValue = "${env:MOCKS3_REPO:-.}", description = "repository root (built jars)")
  Path repo;

  @Option(names = "--home", defaultValue = "${env:MOCKS3_HOME:-.mocks3}", description = "data directory of the stack")
  Path home;

  @Option(names = "--port-offset", defaultValue = "${env:MOCKS3_PORT_OFFSET:-0}", description = "added to every port")
  int portOffset;

  @Option(names = "--java", defaultValue = "${env:MOCKS3_JAVA:-java}", description = "java executable for the parts")
  String java;

  @Option(names = "--bind-address", defaultValue = "${env:MOCKS3_BIND_ADDRESS:-127.0.0.1}",
      description = "address every service listens on (default 127.0.0.1; 0.0.0.0 for every interface)")
  String bindAddress;

  Supervisor supervisor() {
    return new Supervisor(layout(), System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line as {@code ops/mocks3} runs it: usage errors exit 2, failures exit 1 with their message. */
  static CommandLine commandLine() {
    return new CommandLine(new LocalStack()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("mocks3: " + e.getMessage());
      return 1;
    });
  }

  @Command(name = "up", description = {"Start every part that is not running and wait until all are healthy.",
      "The counts are kept in the data directory for later commands; to change them on a running stack, `down` first."})
  int up(@Option(names = "--fresh", description = "stop everything and wipe the data directory first") boolean fresh,
      @Option(names = "--nodes", description = "storage nodes (1-9; default 2, or as last started)") Integer nodes,
      @Option(names = "--projectors", description = "metadata projector instances (1-9; default 1, or as last started)")
      Integer projectors,
      @Option(names = "--replication-factor", description = "nodes each blob is placed on (0: every node, the default)")
      Integer replicationFactor,
      @Option(names = "--write-quorum", description = "storage acknowledgements a strong write waits for (default 1)")
      Integer writeQuorum) throws Exception {
    StackTopology base = fresh ? StackTopology.DEFAULT : layout().topology();
    StackTopology topology;
    try {
      topology = base.with(nodes, projectors, replicationFactor, writeQuorum);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    new Supervisor(layout().withTopology(topology), System.out).up(fresh);
    return 0;
  }

  @Command(name = "down", description = "Stop every part; no process is left behind.")
  int down() throws Exception {
    long started = System.nanoTime();
    supervisor().down();
    System.out.printf("MockS3 is down in %.1f s.%n", (System.nanoTime() - started) / 1e9);
    return 0;
  }

  @Command(name = "status", description = "Show each part: pid, port, health.")
  int status() {
    supervisor().status();
    return 0;
  }

  @Command(name = "logs", description = "Print the last lines of a part's log (all parts when none is named).")
  int logs(@Parameters(arity = "0..1", paramLabel = "PART", description = "part name, e.g. api-gateway") String part,
      @Option(names = {"-n", "--lines"}, defaultValue = "100") int lines) {
    Supervisor s = supervisor();
    for (Part p : part == null ? s.parts() : List.of(s.part(part))) {
      System.out.println("==> " + p.name() + " <==");
      System.out.println(s.tail(p, lines));
    }
    return 0;
  }

  @Command(name = "kill", description = "Kill a part at once (SIGKILL), as a crash would. `up` or `start` restarts it.")
  int kill(@Parameters(paramLabel = "PART", description = "part name") String part) throws Exception {
    supervisor().kill(part);
    return 0;
  }

  @Command(name = "start", description = "Start one part that is not running and wait until it is healthy.")
  int start(@Parameters(paramLabel = "PART", description = "part name") String part) throws Exception {
    supervisor().start(part);
    return 0;
  }

  @Command(name = "replay", description = {
      "Rebuild a projection from the log while the gateway keeps serving; each answers once the projection",
      "has caught up with the log as it was when the replay began, with what it did and its rate:",
      "  replay postgres          the metadata read model, from mocks3.events",
      "  replay redis             the metadata cache, from mocks3.cdc",
      "  replay storage-node-N    that node's disk, from mocks3.blobs (reads go to the other nodes meanwhile)",
      "Then `mocks3 consistency` compares every projection with the log."})
  static final class Replay implements Callable<Integer> {
    @CommandLine.ParentCommand LocalStack stack;

    @Parameters(description = "postgres, redis or a storage node: storage-node-1, storage-node-2, ...")
    String projection;

    @Override
    public Integer call() throws Exception {
      StackLayout layout = stack.layout();
      List<String> nodes = layout.topology().storageNodes();
      String url;
      if (projection.equals("postgres") || projection.equals("redis")) {
        url = layout.url(StackLayout.PROJECTOR) + "/admin/replay/" + projection;
      } else if (nodes.contains(projection)) {
        url = layout.url(projection) + "/admin/replay";
      } else {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "unknown projection " + projection + "; use postgres, redis or one of " + nodes);
      }
      // A replay of a million objects takes minutes; the projection answers within the hour or says it goes on.
      return printJson(request("POST", url, null, Duration.ofMinutes(65)));
    }
  }

  @Command(name = "consistency", description = {
      "Compare the projections with the log and with each other: counts, digests, and every difference",
      "(versions in PostgreSQL vs the projector's state, the Redis cache vs PostgreSQL, blobs missing,",
      "orphaned or, with --verify, corrupt on each storage node). Exit status 0 when consistent."})
  static final class Consistency implements Callable<Integer> {
    @CommandLine.ParentCommand LocalStack stack;

    @Option(names = "--verify", description = "read every blob and check its MD5")
    boolean verify;

    @Override
    public Integer call() throws Exception {
      HttpResponse<String> response = request("GET", stack.layout().url(StackLayout.PROJECTOR) + "/admin/consistency?verify=" + verify);
      int status = printJson(response);
      return status == 0 && Json.mapper().readTree(response.body()).path("consistent").asBoolean() ? 0 : 1;
    }
  }

  @Command(name = "origin", description = {
      "A bucket's origin: keys the bucket misses are fetched from an upstream S3 endpoint, stored and served.",
      "  origin set <bucket> <endpoint> [--upstream-bucket B] [--region R] [--access-key K --secret-key S]",
      "  origin show <bucket>",
      "  origin clear <bucket>"})
  static final class Origin implements Callable<Integer> {
    @CommandLine.ParentCommand LocalStack stack;

    @Parameters(index = "0", description = "set, show or clear")
    String action;

    @Parameters(index = "1", description = "the MockS3 bucket")
    String bucket;

    @Parameters(index = "2", arity = "0..1", description = "the upstream, e.g. http://localhost:9000 (set)")
    String endpoint;

    @Option(names = "--upstream-bucket", description = "the upstream's bucket (default: the same name)")
    String upstreamBucket;

    @Option(names = "--region")
    String region;

    @Option(names = "--access-key")
    String accessKey;

    @Option(names = "--secret-key")
    String secretKey;

    @Option(names = "--virtual-hosted", description = "address the upstream virtual-hosted-style (default: path-style)")
    boolean virtualHosted;

    @Override
    public Integer call() throws Exception {
      String url = stack.layout().url(StackLayout.GATEWAY) + "/" + bucket + "?mocks3-origin";
      HttpResponse<String> response = switch (action) {
        case "show" -> request("GET", url);
        case "clear" -> request("DELETE", url);
        case "set" -> {
          if (endpoint == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "name the upstream endpoint");
          }
          var config = new java.util.LinkedHashMap<String, Object>();
          config.put("endpoint", endpoint);
          config.put("bucket", upstreamBucket);
          config.put("region", region);
          config.put("accessKeyId", accessKey);
          config.put("secretAccessKey", secretKey);
          config.put("pathStyle", !virtualHosted);
          yield request("PUT", url, Json.mapper().writeValueAsString(config));
        }
        default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown action " + action
            + "; use set, show or clear");
      };
      if (response.statusCode() / 100 != 2 || action.equals("show")) {
        System.out.println(response.body());
      }
      return response.statusCode() / 100 == 2 ? 0 : 1;
    }
  }

  /** The stack's layout, with the topology it was last started with (the default before its first start). */
  StackLayout layout() {
    StackLayout layout = new StackLayout(repo, home, portOffset, java, bindAddress);
    return layout.withTopology(StackTopology.stored(layout.home()).orElse(StackTopology.DEFAULT));
  }

  static HttpResponse<String> request(String method, String url) throws Exception {
    return request(method, url, null);
  }

  /** A call of the stack's admin endpoints, with {@code MOCKS3_CONTROL_TOKEN} as its bearer when set. */
  static HttpResponse<String> request(String method, String url, String body) throws Exception {
    return request(method, url, body, Duration.ofMinutes(10));
  }

  static HttpResponse<String> request(String method, String url, String body, Duration timeout) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    String token = System.getenv(MockS3Control.TOKEN_VARIABLE);
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Prints a JSON answer readably; 0 for a 2xx answer, else 1. */
  static int printJson(HttpResponse<String> response) throws Exception {
    System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Json.mapper().readTree(response.body())));
    return response.statusCode() / 100 == 2 ? 0 : 1;
  }
}
