package io.mocks3.ops.stack;

import io.mocks3.client.EventQuery;
import io.mocks3.client.FaultEvent;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ops/mocks3 events ...}: the injected faults, newest last, filtered. */
@Command(name = "events", description = {
    "The injected faults: time, service, action, rule, where, what it hurt.",
    "  events --bucket photos -n 20 | events --rule chaos:mocks3.commands | events --command <command id>"})
final class EventsCommand implements Callable<Integer> {
  @Mixin ControlOutput out;

  @Option(names = "--rule", description = "a rule's id (chaos: chaos:TOPIC, poison: poison:TOPIC)") String rule;
  @Option(names = "--scenario") String scenario;
  @Option(names = "--service") String service;
  @Option(names = "--bucket", description = "only faults that hurt this bucket") String bucket;
  @Option(names = "--key", description = "only faults that hurt this key") String key;
  @Option(names = "--command", description = "only faults that hurt this command") String command;
  @Option(names = {"-n", "--limit"}, defaultValue = "100", description = "at most this many (up to 10000)") int limit;

  @Override
  public Integer call() {
    if (limit < 0 || limit > 10_000) {
      throw out.usage("--limit is from 0 to 10000; got " + limit);
    }
    EventQuery query = out.mocks3().events().rule(rule).scenario(scenario).service(service).bucket(bucket).key(key)
        .command(command).limit(limit);
    List<FaultEvent> events = query.list();
    out.print(events, ControlText.events(events));
    return 0;
  }
}
