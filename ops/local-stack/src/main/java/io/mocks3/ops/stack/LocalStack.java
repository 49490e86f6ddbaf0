package io.mocks3.ops.stack;

import java.nio.file.Path;
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
    subcommands = {LocalStack.Up.class, LocalStack.Down.class, LocalStack.Status.class, LocalStack.Logs.class,
        LocalStack.Kill.class, LocalStack.Start.class})
public final class LocalStack {
  @Option(names = "--repo", defaultValue = "${env:MOCKS3_REPO:-.}", description = "repository root (built jars)")
  Path repo;

  @Option(names = "--home", defaultValue = "${env:MOCKS3_HOME:-.mocks3}", description = "data directory of the stack")
  Path home;

  @Option(names = "--port-offset", defaultValue = "${env:MOCKS3_PORT_OFFSET:-0}", description = "added to every port")
  int portOffset;

  @Option(names = "--java", defaultValue = "${env:MOCKS3_JAVA:-java}", description = "java executable for the parts")
  String java;

  Supervisor supervisor() {
    return new Supervisor(new StackLayout(repo, home, portOffset, java), System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new LocalStack()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("mocks3: " + e.getMessage());
      return 1;
    }).execute(args));
  }

  @Command(name = "up", description = "Start every part that is not running and wait until all are healthy.")
  static final class Up implements Callable<Integer> {
    @CommandLine.ParentCommand LocalStack stack;

    @Option(names = "--fresh", description = "stop everything and wipe the data directory first")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
      stack.supervisor().up(fresh);
      return 0;
    }
  }

  @Command(name = "down", description = "Stop every part; no process is left behind.")
  static final class Down implements Callable<Integer> {
    @CommandLine.ParentCommand LocalStack stack;

    @Override
    public Integer call() throws Exception {
      stack.supervisor().down();
      System.out.println("MockS3 is down.");
      return 0;
    }
  }

  @Command(name = "status", description = "Show each part: pid, port, health.")
  static final class Status implements Callable<Integer> {
    @CommandLine.ParentCommand LocalStack stack;

    @Override
    public Integer call() {
      stack.supervisor().status();
      return 0;
    }
  }

  @Command(name = "logs", description = "Print the last lines of a part's log (all parts when none is named).")
  static final class Logs implements Callable<Integer> {
    @CommandLine.ParentCommand LocalStack stack;

    @Parameters(arity = "0..1", description = "part name, e.g. api-gateway")
    String part;

    @Option(names = {"-n", "--lines"}, defaultValue = "100")
    int lines;

    @Override
    public Integer call() {
      Supervisor s = stack.supervisor();
      for (Part p : part == null ? s.parts() : List.of(s.part(part))) {
        System.out.println("==> " + p.name() + " <==");
        System.out.println(s.tail(p, lines));
      }
      return 0;
    }
  }

  @Command(name = "kill", description = "Kill a part at once (SIGKILL), as a crash would. `up` or `start` restarts it.")
  static final class Kill implements Callable<Integer> {
    @CommandLine.ParentCommand LocalStack stack;

    @Parameters(description = "part name")
    String part;

    @Override
    public Integer call() throws Exception {
      stack.supervisor().kill(part);
      return 0;
    }
  }

  @Command(name = "start", description = "Start one part that is not running and wait until it is healthy.")
  static final class Start implements Callable<Integer> {
    @CommandLine.ParentCommand LocalStack stack;

    @Parameters(description = "part name")
    String part;

    @Override
    public Integer call() throws Exception {
      stack.supervisor().start(part);
      return 0;
    }
  }
}
