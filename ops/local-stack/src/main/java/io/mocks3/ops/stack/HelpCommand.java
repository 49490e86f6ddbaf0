package io.mocks3.ops.stack;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ops/mocks3 help}: every command with an example. */
@Command(name = "help", description = "Every command with an example; `ops/mocks3 <command> --help` for its options.")
final class HelpCommand implements Callable<Integer> {
  static final String TEXT = """
      ops/mocks3 <command> ...   (--help after any command for its options; control-plane commands take --json)

      The local stack
        up [--fresh]                      ops/mocks3 up
        down | status                     ops/mocks3 status
        logs [part] [-n N]                ops/mocks3 logs api-gateway -n 50
        kill <part>                       ops/mocks3 kill storage-node-1
        start <part>                      ops/mocks3 start storage-node-1
        replay <projection>               ops/mocks3 replay postgres
        consistency [--verify]            ops/mocks3 consistency --verify
        origin set|show|clear <bucket>    ops/mocks3 origin set photos http://localhost:9000
        bench | load-test | check         ops/mocks3 check history.jsonl

      Faults (the control plane)
        rule add|list|show|remove|clear|enable|disable
                                          ops/mocks3 rule add http_error --status 503 --on PutObject --bucket photos --probability 0.5
        chaos set|show|clear|poison       ops/mocks3 chaos set mocks3.commands --loss 0.05 --duplicate 0.02 --seed 7
        scenario list|start|stop          ops/mocks3 scenario start storage_failure --duration 5m
        scenario process|process-stop|processes
                                          ops/mocks3 scenario process task-workers network_latency --param latency_ms=50
        kill-switch [engage|release]      ops/mocks3 kill-switch engage
        events [--rule|--bucket|--key|--command|-n]
                                          ops/mocks3 events --bucket photos -n 20
        dlq [show|redrive|purge] [dlq]    ops/mocks3 dlq show mocks3.commands.dlq

      Runs (chaos experiments and their reports)
        run start|stop|report|list|show|history
                                          ops/mocks3 run start "upload under loss" --chaos mocks3.commands:loss=0.1 --expect lost_acknowledged_writes=0

      help                                ops/mocks3 help
      Bad arguments exit 2; a refusal of the control plane exits 1 with its message.
      """;

  @Override
  public Integer call() {
    System.out.print(TEXT);
    return 0;
  }
}
