package io.mocks3.ops.bench;

import io.mocks3.schemas.Topics;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The load generator: runs bounded S3 workloads against one endpoint, or against several in turn
 * (round by round, so drift on the machine hits them alike), on plain HTTP (as light as wrk) or the
 * AWS SDK, and prints ops/s, MiB/s, latency percentiles and errors per operation, ratios to a
 * baseline, the projector's lag and drain rate, and optionally JSON with the machine it ran on.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "S3 load generator: bounded workloads against one or more endpoints, compared round by round.")
public final class Bench implements Runnable {

  /** Named sets of workloads. */
  enum Suite {
    /** The table the README opens with (issue 22): PUT 4 KiB at one and sixteen clients. */
    headline("put:4KiB:1", "put:4KiB:16"),
    /** Small and large objects, one and sixteen clients, a listing. */
    standard("put:4KiB:1", "get:4KiB:1", "put:4KiB:16", "get:4KiB:16", "put:1MiB:4", "get:1MiB:4", "list:1000:4"),
    /** What a bucket of --objects N must still do: PUT/GET at sixteen clients, the first page, a prefix+delimiter listing. */
    scale("put:4KiB:16", "get:4KiB:16", "list-page:1000:1", "list-dirs:1000:1");

    final List<String> workloads;

    Suite(String... workloads) {
      this.workloads = List.of(workloads);
    }
  }

  @Option(names = "--target", paramLabel = "name=url[,header:value][,rules=N]", converter = Converters.TargetConverter.class,
      description = "An endpoint under test (repeatable). Default: mocks3=http://localhost:8080.")
  List<Target> targets = new ArrayList<>();

  @Option(names = "--workload", paramLabel = "op:size:clients[:http|sdk]", converter = Converters.WorkloadConverter.class,
      description = "A workload (repeatable): op is put|get|head|list|list-page|list-dirs|delete|mixed; for a listing, size is "
          + "its page (at most 1000 keys). Default: mixed:64KiB:16.")
  List<Workload> workloads = new ArrayList<>();

  @Option(names = "--suite", description = "Named sets of workloads (repeatable), run before any --workload: ${COMPLETION-CANDIDATES}.")
  List<Suite> suites = new ArrayList<>();

  @Option(names = "--client", defaultValue = "http", converter = Converters.ClientConverter.class,
      description = "The client of the workloads that name none: http (plain HTTP/1.1, one keep-alive connection per client, "
          + "unsigned, like wrk) or sdk (AWS SDK for Java v2). Default: ${DEFAULT-VALUE}.")
  ClientKind client;

  @Option(names = "--duration", converter = Converters.DurationConverter.class, defaultValue = "10s",
      description = "How long each measured round runs per target (e.g. 500ms, 10s, 2m). Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--count", description = "Operations per measured round per target, instead of a duration.")
  long count;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds per workload and target. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--warmup", converter = Converters.DurationConverter.class, defaultValue = "10s",
      description = "Unmeasured run per workload and target first, long enough for the JIT to settle on two cores. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration warmup;

  @Option(names = "--baseline", description = "The target the others are divided by. Default: the last target.")
  String baseline;

  @Option(names = "--bootstrap", defaultValue = "localhost:9092",
      description = "The MockS3 stack's Kafka broker, to read the projector's lag on mocks3.commands around every round and wait "
          + "for it to drain (none: no lag figures, no waiting). Default: ${DEFAULT-VALUE}.")
  String bootstrap;

  @Option(names = "--projector-group", defaultValue = "mocks3-metadata-projector",
      description = "The projector's consumer group (its Kafka Streams application id). Default: ${DEFAULT-VALUE}.")
  String projectorGroup;

  @Option(names = "--drain-timeout", converter = Converters.DurationConverter.class, defaultValue = "10m",
      description = "How long to wait for the projector's backlog to drain after a round. Default: ${DEFAULT-VALUE}.")
  Duration drainTimeout;

  @Option(names = "--objects", defaultValue = "0",
      description = "Preload: write this many objects into the bucket first (plain HTTP, eventual, --preload-clients), "
          + "unless it already holds them. Default: ${DEFAULT-VALUE}.")
  long objects;

  @Option(names = "--preload-size", converter = Converters.SizeConverter.class, defaultValue = "4KiB",
      description = "Size of the preloaded objects. Default: ${DEFAULT-VALUE}.")
  long preloadSize;

  @Option(names = "--preload-clients", defaultValue = "32", description = "Clients writing the preload. Default: ${DEFAULT-VALUE}.")
  int preloadClients;

  @Option(names = "--controller", defaultValue = "http://localhost:8085",
      description = "MockS3 fault controller, for targets with rules=N. Default: ${DEFAULT-VALUE}.")
  URI controller;

  @Option(names = "--json", description = "Also write every figure and the machine it ran on to this file as JSON.")
  Path json;

  @Option(names = "--progress", converter = Converters.DurationConverter.class, defaultValue = "5s",
      description = "Print a progress line this often on stderr (0 for none). Default: ${DEFAULT-VALUE}.")
  Duration progress;

  @Option(names = "--bucket", defaultValue = "mocks3-bench", description = "Bucket to use, created when missing. Default: ${DEFAULT-VALUE}.")
  String bucket;

  @Option(names = "--part-size", converter = Converters.SizeConverter.class, defaultValue = "8MiB",
      description = "With the SDK, objects larger than this are uploaded in parts of this size. Default: ${DEFAULT-VALUE}.")
  long partSize;

  @Option(names = "--keep", description = "Leave the objects the run wrote (by default they are deleted at the end; preloaded ones stay).")
  boolean keep;

  @Option(names = "--access-key", defaultValue = "mocks3") String accessKey;
  @Option(names = "--secret-key", defaultValue = "mocks3") String secretKey;
  @Option(names = "--region", defaultValue = "us-east-1") String region;

  @Spec
  CommandSpec spec;

  private final PrintStream out = System.out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public void run() {
    MachineInfo machine = MachineInfo.atStart();
    List<Target> endpoints = targets.isEmpty() ? List.of(Target.parse("mocks3=http://localhost:8080")) : targets;
    List<Workload> plan = plan();
    String base = baseline != null ? baseline : endpoints.get(endpoints.size() - 1).name();
    if (endpoints.stream().noneMatch(t -> t.name().equals(base))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no target is named '" + base + "'");
    }
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      // Else the SDK refuses it deep in the first request, as a stack trace.
      throw new CommandLine.ParameterException(spec.commandLine(), "--bucket: '" + bucket
          + "' is not a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit");
    }
    String runId = "run-" + Instant.now().toEpochMilli();
    out.printf(Locale.ROOT, "MockS3 bench %s: %d target(s), %d workload(s), %d round(s) of %s per target, warm-up %s%n", runId,
        endpoints.size(), plan.size(), rounds, count > 0 ? count + " ops" : human(duration), human(warmup));
    out.printf(Locale.ROOT, "machine: %d cores, %.1f GiB, load average %s, %s, commit %s%n", machine.cores(),
        machine.memoryBytes() / 1073741824.0, machine.loadAtStart(), machine.java(), machine.gitCommit());
    ExecutorService pool = Executors.newCachedThreadPool();
    ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2, r -> {
      Thread thread = new Thread(r, "bench-ticker");
      thread.setDaemon(true);
      return thread;
    });
    Map<Target, S3Client> sdkClients = new LinkedHashMap<>();
    int maxClients = Math.max(preloadClients, plan.stream().mapToInt(Workload::clients).max().orElse(1));
    Report report = new Report();
    List<Preload.Result> preloads = new ArrayList<>();
    try (ProjectorLag lag = projectorLag()) {
      for (Target target : endpoints) {
        S3Client s3 = sdkClient(target, maxClients);
        sdkClients.put(target, s3);
        createBucket(s3);
        report.addConsistency(target, servedConsistency(s3), out);
      }
      RoundRobin.Machinery machinery = new RoundRobin.Machinery(pool, ticker, lag, drainTimeout, controller);
      preloads.addAll(preload(endpoints, machinery));
      RoundRobin roundRobin = new RoundRobin(new RoundRobin.Rounds(rounds, duration, count, warmup, progress), machinery, report, out);
      // A run bounded by a count (and without a warm-up, which runs for a duration) reads at most that many objects.
      long operations = count > 0 && warmup.isZero() ? count * rounds : 0;
      for (int w = 0; w < plan.size(); w++) {
        Workload workload = plan.get(w);
        String prefix = runId + "/w" + w + "/";
        KeyLayout preloaded = objects > 0 ? KeyLayout.preload(objects) : null;
        List<RoundRobin.Leg> legs = endpoints.stream().map(t -> new RoundRobin.Leg(t,
            new WorkloadRun(connections(t, workload.client(), sdkClients.get(t)), workload, prefix, partSize, preloaded, operations))).toList();
        roundRobin.run(workload, legs, base);
      }
      report.printRatios(out);
      report.printTable(endpoints.stream().map(Target::name).toList(), base, out);
      MachineInfo ended = machine.atEnd();
      out.printf(Locale.ROOT, "load average at the end: %s%n", ended.loadAtEnd());
      if (json != null) {
        RunDocument.of(runId, ended, this, endpoints, plan, preloads, report).write(json);
      }
    } finally {
      if (!keep) {
        sdkClients.forEach((target, s3) -> cleanUp(target.name(), s3, runId + "/"));
      }
      sdkClients.values().forEach(S3Client::close);
      pool.shutdownNow();
      ticker.shutdownNow();
    }
  }

  /**
   * The projector's lag from the broker; none with {@code --bootstrap none}, or (with a warning) when the
   * default broker does not answer: the bench also measures endpoints that are no MockS3 stack.
   */
  private ProjectorLag projectorLag() {
    if ("none".equals(bootstrap)) {
      return null;
    }
    try {
      return ProjectorLag.connect(bootstrap, projectorGroup, Topics.COMMANDS);
    } catch (IllegalStateException e) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--bootstrap")) {
        throw e;
      }
      System.err.println("No projector lag figures: " + e.getMessage());
      return null;
    }
  }

  /** The suites' workloads, then the --workload ones, each on its client (--client when it names none). */
  List<Workload> plan() {
    List<Workload> plan = new ArrayList<>();
    suites.forEach(s -> s.workloads.stream().map(Workload::parse).forEach(plan::add));
    plan.addAll(workloads);
    if (plan.isEmpty()) {
      plan.add(Workload.parse("mixed:64KiB:16"));
    }
    return plan.stream().map(w -> w.withClient(client)).toList();
  }

  /** --objects N on every distinct endpoint, eventual on MockS3, each followed by the projector's drain. */
  private List<Preload.Result> preload(List<Target> endpoints, RoundRobin.Machinery machinery) {
    List<Preload.Result> results = new ArrayList<>();
    if (objects <= 0) {
      return results;
    }
    for (URI endpoint : endpoints.stream().map(Target::endpoint).distinct().toList()) {
      String what = "preload of " + objects + " objects on " + endpoint;
      LagWatch watch = machinery.lag() == null ? null : LagWatch.start(machinery.lag(), machinery.ticker());
      var connections = new PlainHttpConnection.Factory(endpoint, bucket, Map.of(Report.CONSISTENCY_HEADER, "eventual"));
      Preload.Result written = new Preload(connections, KeyLayout.preload(objects), preloadSize, preloadClients).run(machinery.pool(), what);
      double applied = written.seconds();
      if (watch != null) {
        watch.stop();
        applied += watch.drain(machinery.drainTimeout(), what).seconds();
      }
      Preload.Result result = new Preload.Result(written.written(), written.seconds(), written.retried(), applied);
      results.add(result);
      out.printf(Locale.ROOT, written.written() == 0 ? "%s: already there%n" : "%s: written in %.1f s (%.0f objects/s), applied by the "
          + "projector after %.1f s, %d attempts retried%n", what, result.seconds(), result.perSecond(), applied, result.retried());
    }
    return results;
  }

  private S3Connection.Factory connections(Target target, ClientKind kind, S3Client sdk) {
    return kind == ClientKind.SDK ? new SdkConnection.Factory(sdk, bucket, partSize)
        : new PlainHttpConnection.Factory(target.endpoint(), bucket, target.headers());
  }

  private S3Client sdkClient(Target target, int maxClients) {
    return S3Client.builder()
        .endpointOverride(target.endpoint())
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .forcePathStyle(true)
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(maxClients).socketTimeout(Duration.ofMinutes(2)))
        .overrideConfiguration(o -> {
          o.retryStrategy(b -> b.maxAttempts(1));
          target.headers().forEach(o::putHeader);
        })
        .build();
  }

  private void createBucket(S3Client s3) {
    try {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
        throw e;
      }
    }
  }

  /** The consistency the target's requests are served in, as MockS3 states it on every answer. */
  private String servedConsistency(S3Client s3) {
    return s3.headBucket(b -> b.bucket(bucket)).sdkHttpResponse().firstMatchingHeader(Report.CONSISTENCY_HEADER)
        .orElse(Report.NOT_MOCKS3);
  }

  /**
   * Deletes what the run wrote, a thousand keys per request, and the bucket if nothing else is in it
   * (another target on the same endpoint may have removed it already; preloaded objects keep it).
   * Says so on stderr: after a peer run it takes a while (45 s, 78,000 objects from MockS3 and 7,500
   * from S3Mock, after the headline's 3 rounds of 8 s), and the results are printed by then.
   */
  private void cleanUp(String target, S3Client s3, String prefix) {
    long started = System.nanoTime();
    int deleted = 0;
    try {
      for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
        List<ObjectIdentifier> keys = page.contents().stream().map(S3Object::key).map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        if (!keys.isEmpty()) {
          if (deleted == 0) {
            System.err.printf(Locale.ROOT, "[%s] clean-up: deleting the objects this run wrote (--keep leaves them)...%n", target);
          }
          s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
          deleted += keys.size();
        }
      }
      if (deleted > 0) {
        System.err.printf(Locale.ROOT, "[%s] clean-up: %,d objects deleted in %.1f s%n", target, deleted,
            (System.nanoTime() - started) / 1e9);
      }
      s3.deleteBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      if (e.statusCode() != 409 && e.statusCode() != 404) {
        System.err.println("clean-up: " + e.getMessage());
      }
    }
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
