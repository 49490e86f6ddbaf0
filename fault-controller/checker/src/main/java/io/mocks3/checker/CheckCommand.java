package io.mocks3.checker;

import io.mocks3.schemas.Json;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code check history.jsonl [--json] [--max-states N]}: exit 0 if valid, 1 on anomalies, 2 on bad input. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Checks an S3 client history (JSON lines) for linearizability and anomalies.")
public final class CheckCommand implements Callable<Integer> {

  static final int VALID = 0;
  static final int ANOMALIES = 1;
  static final int UNREADABLE = 2;
  /** The --json report: indented, nulls written (as the Jackson 2 ObjectMapper it replaces did). */
  private static final JsonMapper REPORT_JSON = Json.wireBuilder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Parameters(index = "0", paramLabel = "history.jsonl", description = "The history, one JSON event per line.")
  Path history;

  @Option(names = "--json", description = "Print the whole report as JSON instead of a summary.")
  boolean json;

  @Option(names = "--max-states", paramLabel = "N",
      description = "Search budget per key (default: ${DEFAULT-VALUE}); a key beyond it is judged unknown.")
  long maxStates = HistoryChecker.Options.DEFAULT_MAX_STATES;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command with the given streams; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new CheckCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      err.println("cannot check: " + e.getMessage());
      return UNREADABLE;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    List<Op> ops;
    try {
      ops = HistoryReader.read(history);
    } catch (HistoryFormatException e) {
      spec.commandLine().getErr().println(history + ": " + e.getMessage());
      return UNREADABLE;
    }
    long started = System.nanoTime();
    CheckReport report = HistoryChecker.check(ops, new HistoryChecker.Options(maxStates));
    if (json) {
      out.println(REPORT_JSON.writeValueAsString(report));
    } else {
      ReportSummary.print(report, (System.nanoTime() - started) / 1_000_000, out);
    }
    out.flush();
    return report.valid() ? VALID : ANOMALIES;
  }
}
