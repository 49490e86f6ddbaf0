package io.mocks3.ops.bench;

import tools.jackson.databind.SerializationFeature;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import tools.jackson.core.JacksonException;

/**
 * The load generator: runs bounded S3 workloads against one endpoint, or against several in turn
 * (round by round, so drift on the machine hits them alike), and prints ops/s, MiB/s, latency
 * percentiles and errors per operation, ratios to a baseline, and optionally JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "S3 load generator: bounded workloads against one or more endpoints, compared round by round.")
public final class Bench implements Runnable {
  /** The table the README reports: small and large objects, one and sixteen clients, a full listing. */
  static final List<String> STANDARD_SUITE = List.of(
      "put:4KiB:1", "get:4KiB:1", "put:4KiB:16", "get:4KiB:16", "put:1MiB:4", "get:1MiB:4", "list:1000:4");

  @Option(names = "--target", paramLabel = "name=url[,header:value][,rules=N]", converter = TargetConverter.class,
      description = "An endpoint under test (repeatable). Default: mocks3=http://localhost:8080.")
  List<Target> targets = new ArrayList<>();

  @Option(names = "--workload", paramLabel = "op:size:clients", converter = WorkloadConverter.class,
      description = "A workload (repeatable): op is put|get|head|list|delete|mixed; for list, size is the number of keys "
          + "(at most 1000). Default: mixed:64KiB:16.")
  List<Workload> workloads = new ArrayList<>();

  @Option(names = "--suite", description = "A named set of workloads instead of --workload: standard = ${COMPLETION-CANDIDATES}.")
  Suite suite;

  @Option(names = "--duration", converter = DurationConverter.class, defaultValue = "10s",
      description = "How long each measured round runs per target (e.g. 500ms, 10s, 2m). Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--count", description = "Operations per measured round per target, instead of a duration.")
  long count;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds per workload and target. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--warmup", converter = DurationConverter.class, defaultValue = "10s",
      description = "Unmeasured run per workload and target first, long enough for the JIT to settle on two cores. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration warmup;

  @Option(names = "--baseline", description = "The target the others are divided by. Default: the last target.")
  String baseline;

  @Option(names = "--controller", defaultValue = "http://localhost:8085",
      description = "MockS3 fault controller, for targets with rules=N. Default: ${DEFAULT-VALUE}.")
  URI controller;

  @Option(names = "--json", description = "Also write every figure to this file as JSON.")
  Path json;

  @Option(names = "--progress", converter = DurationConverter.class, defaultValue = "5s",
      description = "Print a progress line this often on stderr (0 for none). Default: ${DEFAULT-VALUE}.")
  Duration progress;

  @Option(names = "--bucket", defaultValue = "mocks3-bench", description = "Bucket to use, created when missing. Default: ${DEFAULT-VALUE}.")
  String bucket;

  @Option(names = "--part-size", converter = SizeConverter.class, defaultValue = "8MiB",
      description = "Objects larger than this are uploaded in parts of this size. Default: ${DEFAULT-VALUE}.")
  long partSize;

  @Option(names = "--keep", description = "Leave the objects the run wrote (by default they are deleted at the end).")
  boolean keep;

  @Option(names = "--access-key", defaultValue = "mocks3") String accessKey;
  @Option(names = "--secret-key", defaultValue = "mocks3") String secretKey;
  @Option(names = "--region", defaultValue = "us-east-1") String region;

  enum Suite { standard }

  @Spec
  CommandSpec spec;

  private final PrintStream out = System.out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public void run() {
    List<Target> endpoints = targets.isEmpty() ? List.of(Target.parse("mocks3=http://localhost:8080")) : targets;
    List<Workload> plan = suite != null ? STANDARD_SUITE.stream().map(Workload::parse).toList()
        : workloads.isEmpty() ? List.of(Workload.parse("mixed:64KiB:16")) : workloads;
    String base = baseline != null ? baseline : endpoints.get(endpoints.size() - 1).name();
    if (endpoints.stream().noneMatch(t -> t.name().equals(base))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no target is named '" + base + "'");
    }
    String runId = "run-" + Instant.now().toEpochMilli();
    int maxClients = plan.stream().mapToInt(Workload::clients).max().orElse(1);
    out.printf(Locale.ROOT, "MockS3 bench %s: %d target(s), %d workload(s), %d round(s) of %s per target, warm-up %s%n", runId,
        endpoints.size(), plan.size(), rounds, count > 0 ? count + " ops" : human(duration), human(warmup));
    Map<Target, S3Client> clients = new LinkedHashMap<>();
    ExecutorService pool = Executors.newCachedThreadPool();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "bench-progress");
      thread.setDaemon(true);
      return thread;
    });
    Report report = new Report();
    try {
      for (Target target : endpoints) {
        S3Client s3 = client(target, maxClients);
        clients.put(target, s3);
        createBucket(s3);
      }
      for (int w = 0; w < plan.size(); w++) {
        Workload workload = plan.get(w);
        List<WorkloadRun> runs = new ArrayList<>();
        List<Tally> tallies = new ArrayList<>();
        for (Target target : endpoints) {
          WorkloadRun run = new WorkloadRun(clients.get(target), bucket, workload, runId + "/w" + w + "/", partSize);
          run.prepare(pool);
          runs.add(run);
          tallies.add(new Tally());
        }
        for (int round = warmup.isZero() ? 1 : 0; round <= rounds; round++) {
          for (int t = 0; t < endpoints.size(); t++) {
            boolean measured = round > 0;
            Target target = endpoints.get(t);
            WorkloadRun run = runs.get(t);
            String what = String.format(Locale.ROOT, "[%s] %s %s", target.name(), workload.label(),
                measured ? "round " + round + "/" + rounds : "warm-up");
            Tally tally = withRules(target, () -> {
              Duration length = measured ? duration : warmup;
              long ops = measured ? count : 0;
              run.refill(pool, ops > 0 ? ops : (long) workload.clients() * 250);
              LongAdder done = new LongAdder();
              long started = System.nanoTime();
              var tick = progress.isZero() ? null : ticker.scheduleAtFixedRate(() -> System.err.printf(Locale.ROOT,
                  "%s: %d ops in %.0f s%n", what, done.sum(), (System.nanoTime() - started) / 1e9),
                  progress.toMillis(), progress.toMillis(), TimeUnit.MILLISECONDS);
              try {
                return run.run(pool, ops, length, done);
              } finally {
                if (tick != null) {
                  tick.cancel(false);
                }
              }
            });
            if (measured) {
              tallies.get(t).add(tally);
            }
          }
        }
        report.add(workload, endpoints.stream().map(Target::name).toList(), tallies, base, out);
      }
      report.printRatios(out);
      if (json != null) {
        writeJson(report, endpoints, plan, runId);
      }
    } finally {
      if (!keep) {
        clients.values().forEach(s3 -> cleanUp(s3, runId + "/"));
      }
      clients.values().forEach(S3Client::close);
      pool.shutdownNow();
    }
  }

  private Tally withRules(Target target, java.util.function.Supplier<Tally> body) {
    if (target.inactiveRules() == 0) {
      return body.get();
    }
    try (InactiveRules ignored = InactiveRules.install(controller, target.endpoint(), target.inactiveRules())) {
      return body.get();
    }
  }

  private S3Client client(Target target, int maxClients) {
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

  /** Deletes what the run wrote, a thousand keys per request, and the bucket if nothing else is in it
   * (another target on the same endpoint may have removed it already). */
  private void cleanUp(S3Client s3, String prefix) {
    try {
      for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
        List<ObjectIdentifier> keys = page.contents().stream().map(S3Object::key).map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        if (!keys.isEmpty()) {
          s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
        }
      }
      s3.deleteBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      if (e.statusCode() != 409 && e.statusCode() != 404) {
        System.err.println("clean-up: " + e.getMessage());
      }
    }
  }

  private void writeJson(Report report, List<Target> endpoints, List<Workload> plan, String runId) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("run", runId);
    document.put("targets", endpoints.stream().map(t -> Map.of("name", t.name(), "endpoint", t.endpoint().toString(),
        "headers", t.headers(), "inactiveRules", t.inactiveRules())).toList());
    document.put("workloads", plan.stream().map(Workload::label).toList());
    document.put("rounds", rounds);
    document.put("roundLength", count > 0 ? count + " ops" : human(duration));
    document.put("rows", report.rows);
    document.put("ratios", report.ratios);
    try {
      InactiveRules.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write " + json + ": " + e.getMessage(), e);
    }
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or {@code 0}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
      Matcher m = DURATION.matcher(value.trim());
      if (!m.matches()) {
        throw new CommandLine.TypeConversionException("not a duration: '" + value + "' (e.g. 500ms, 10s, 2m)");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2) == null ? "s" : m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
  }

  /** Turns a parser's IllegalArgumentException into a usage error that names the option. */
  private static <T> T converted(String value, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return converted(value, Sizes::parse);
    }
  }

  static final class TargetConverter implements CommandLine.ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      return converted(value, Target::parse);
    }
  }

  static final class WorkloadConverter implements CommandLine.ITypeConverter<Workload> {
    @Override
    public Workload convert(String value) {
      return converted(value, Workload::parse);
    }
  }
}
