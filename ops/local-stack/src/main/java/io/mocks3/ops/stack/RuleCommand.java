package io.mocks3.ops.stack;

import io.mocks3.client.InstalledRule;
import io.mocks3.client.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ops/mocks3 rule ...}: fault rules without writing JSON. */
@Command(name = "rule", description = {
    "Fault rules: an action (http_error, delay, hang, connection_reset, throttle, truncate, corrupt, wrong_etag, disk_full,",
    "bit_rot, partial_write, stale_read, cache_miss) where every condition holds; or on a process's network links",
    "(link_latency, link_bandwidth, link_reset, link_slow_close, link_blackhole) while it is in force.",
    "  rule add http_error --status 503 --service gateway --on PutObject --bucket photos --probability 0.5",
    "  rule add link_blackhole --service storage-node --instance node-2 --link kafka --ttl 60s",
    "  rule list | rule show <id> | rule remove <id> | rule clear | rule enable <id> | rule disable <id>"},
    subcommands = RuleCommand.Add.class)
final class RuleCommand {
  static final java.util.Set<String> ACTIONS = java.util.Set.of("http_error", "delay", "hang", "connection_reset", "throttle",
      "truncate", "corrupt", "wrong_etag", "disk_full", "bit_rot", "partial_write", "stale_read", "cache_miss",
      "link_latency", "link_bandwidth", "link_reset", "link_slow_close", "link_blackhole");

  @Command(name = "add", description = "Add a rule; prints it (its id first). It is in force everywhere when this returns.")
  static final class Add implements Callable<Integer> {
    @Mixin ControlOutput out;

    @Parameters(index = "0", description = "the action: http_error, delay, hang, connection_reset, throttle, truncate, corrupt, "
        + "wrong_etag, disk_full, bit_rot, partial_write, stale_read, cache_miss")
    String action;

    @Option(names = "--status", description = "http_error: the HTTP status, e.g. 503") Integer status;
    @Option(names = "--error-code", description = "http_error: the S3 error code, e.g. SlowDown") String errorCode;
    @Option(names = "--message", description = "http_error: the error message") String message;
    @Option(names = "--delay", converter = ControlOutput.DurationConverter.class, description = "delay / hang: how long") Duration delay;
    @Option(names = "--bytes-per-second", description = "throttle: the body's rate") Long bytesPerSecond;
    @Option(names = "--truncate-after", description = "truncate: bytes sent before the connection drops") Long truncateAfter;
    @Option(names = "--corrupt-bytes", description = "corrupt: how many bytes to flip") Integer corruptBytes;
    @Option(names = "--link", split = ",", description = "link actions: the process's links, e.g. kafka,postgres (default: all)")
    List<String> links;
    @Option(names = "--direction", description = "link actions: upstream, downstream or both (default)") String direction;
    @Option(names = "--jitter", converter = ControlOutput.DurationConverter.class, description = "link_latency: +/- this much")
    Duration jitter;
    @Option(names = "--name") String name;
    @Option(names = "--service", description = "gateway, storage-service, storage-disk, metadata-service, metadata-db, tasks, origin, ...")
    String service;
    @Option(names = "--on", split = ",", description = "operations, e.g. PutObject,GetObject") List<String> operations;
    @Option(names = "--bucket") String bucket;
    @Option(names = "--key-prefix") String keyPrefix;
    @Option(names = "--key-pattern", description = "a glob over the key") String keyPattern;
    @Option(names = "--header", description = "NAME or NAME=VALUE: only requests with that header") String header;
    @Option(names = "--probability", description = "share of matching requests hit, 0 to 1") Double probability;
    @Option(names = "--first-n", description = "only the first N matching requests") Integer firstN;
    @Option(names = "--every-nth", description = "every Nth matching request") Integer everyNth;
    @Option(names = "--instance", description = "one process, e.g. node-1") String instance;
    @Option(names = "--ttl", converter = ControlOutput.DurationConverter.class, description = "it removes itself after, e.g. 5m")
    Duration ttl;
    @Option(names = "--priority") Integer priority;
    @Option(names = "--seed", description = "makes its probability draws reproducible") Long seed;
    @Option(names = "--disabled", description = "add it switched off") boolean disabled;

    @Override
    public Integer call() {
      InstalledRule added = out.mocks3().rules().add(rule());
      out.print(added.json(), ControlText.rule(added));
      return 0;
    }

    Rule rule() {
      Rule rule = action(action.toLowerCase(Locale.ROOT).replace('-', '_'));
      if (name != null) {
        rule.name(name);
      }
      if (service != null) {
        rule.service(service);
      }
      conditions(rule);
      if (ttl != null) {
        rule.ttl(ttl);
      }
      if (priority != null) {
        rule.priority(priority);
      }
      if (seed != null) {
        rule.seed(seed);
      }
      if (disabled) {
        rule.enabled(false);
      }
      return rule;
    }

    private Rule action(String type) {
      if (!ACTIONS.contains(type)) {
        throw out.usage("unknown action \"" + action + "\"; use one of " + new java.util.TreeSet<>(ACTIONS));
      }
      switch (type) {
        case "http_error":
          Rule error = Rule.httpError(required(status, "--status"));
          if (errorCode != null) {
            error.errorCode(errorCode);
          }
          return message == null ? error : error.message(message);
        case "delay":
          return Rule.delay(required(delay, "--delay"));
        case "hang":
          return delay == null ? Rule.hang() : Rule.hang(delay);
        case "throttle":
          return Rule.throttle(required(bytesPerSecond, "--bytes-per-second"));
        case "truncate":
          return Rule.truncate(required(truncateAfter, "--truncate-after"));
        case "corrupt":
          return Rule.corrupt(corruptBytes == null ? 1 : corruptBytes);
        case "link_latency", "link_slow_close":
          return link(Rule.action(type).actionField("delay", required(delay, "--delay").toMillis() + "ms"));
        case "link_bandwidth":
          return link(Rule.action(type).actionField("bytes_per_second", required(bytesPerSecond, "--bytes-per-second")));
        case "link_reset", "link_blackhole":
          return link(Rule.action(type));
        default:
          return Rule.action(type);
      }
    }

    /** A link action's direction, jitter and links. */
    private Rule link(Rule rule) {
      if (direction != null) {
        rule.actionField("direction", direction);
      }
      if (jitter != null) {
        rule.actionField("jitter", jitter.toMillis() + "ms");
      }
      return links == null ? rule : rule.link(links.toArray(String[]::new));
    }

    private void conditions(Rule rule) {
      if (operations != null) {
        rule.on(operations.toArray(String[]::new));
      }
      if (bucket != null) {
        rule.bucket(bucket);
      }
      if (keyPrefix != null) {
        rule.keyPrefix(keyPrefix);
      }
      if (keyPattern != null) {
        rule.keyPattern(keyPattern);
      }
      if (header != null) {
        String[] nv = header.split("=", 2);
        if (nv.length == 2) {
          rule.header(nv[0], nv[1]);
        } else {
          rule.header(nv[0]);
        }
      }
      if (probability != null) {
        rule.probability(probability);
      }
      if (firstN != null) {
        rule.firstN(firstN);
      }
      if (everyNth != null) {
        rule.everyNth(everyNth);
      }
      if (instance != null) {
        rule.instance(instance);
      }
    }

    private <T> T required(T value, String option) {
      if (value == null) {
        throw out.usage("a " + action + " rule needs " + option);
      }
      return value;
    }
  }

  @Command(name = "list", description = "Every rule: id, enabled, service, action, name.")
  int list(@Mixin ControlOutput out) {
    List<InstalledRule> rules = out.mocks3().rules().list();
    out.print(rules.stream().map(InstalledRule::json).toList(), ControlText.rules(rules));
    return 0;
  }

  @Command(name = "show", description = "One rule with its conditions.")
  int show(@Mixin ControlOutput out, @Parameters(paramLabel = "ID", description = "the rule's id") String id) {
    return print(out, out.mocks3().rules().get(id).orElseThrow(() -> new IllegalArgumentException("no rule with id " + id)));
  }

  @Command(name = "remove", description = "Remove a rule.")
  int remove(@Mixin ControlOutput out, @Parameters(paramLabel = "ID", description = "the rule's id") String id) {
    out.mocks3().rules().remove(id);
    out.print(java.util.Map.of("removed", id), "removed rule " + id + System.lineSeparator());
    return 0;
  }

  @Command(name = "clear", description = "Remove every rule.")
  int clear(@Mixin ControlOutput out) {
    io.mocks3.client.Rules rules = out.mocks3().rules();
    int count = rules.list().size();
    rules.clear();
    out.print(java.util.Map.of("removed", count), "removed " + count + " rules" + System.lineSeparator());
    return 0;
  }

  @Command(name = "enable", description = "Switch a rule on.")
  int enable(@Mixin ControlOutput out, @Parameters(paramLabel = "ID", description = "the rule's id") String id) {
    return print(out, out.mocks3().rules().update(id, Rule.changes().enabled(true)));
  }

  @Command(name = "disable", description = "Switch a rule off (it stays listed).")
  int disable(@Mixin ControlOutput out, @Parameters(paramLabel = "ID", description = "the rule's id") String id) {
    return print(out, out.mocks3().rules().update(id, Rule.changes().enabled(false)));
  }

  private static int print(ControlOutput out, InstalledRule rule) {
    out.print(rule.json(), ControlText.rule(rule));
    return 0;
  }
}
