package io.mocks3.client;

import tools.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * MockS3's control plane, typed: what a test or a shell user does to break MockS3 on purpose, and
 * what it learns afterwards.
 *
 * <pre>{@code
 * MockS3Control mocks3 = MockS3Control.connect(URI.create("http://localhost:8085"));
 * mocks3.chaos("mocks3.commands").loss(0.05).duplicate(0.02).seed(7).apply();
 * mocks3.rules().add(Rule.httpError(503).on("PutObject").bucket("photos").probability(0.5));
 * Run run = mocks3.startRun(RunSpec.named("upload survives loss").seed(7));
 * ... the code under test ...
 * RunReport report = run.stop().report();
 * }</pre>
 *
 * Every change ({@code apply()}, {@code add}, {@code engage}, ...) returns once it is in force on
 * every service the client knows ({@link Builder#agents}); {@link #local} knows the local stack's.
 * An error answer becomes a {@link MockS3ControlException} that keeps the server's status and message.
 * Thread-safe; one instance per control plane is enough.
 */
public final class MockS3Control {
  /** The environment variable whose value, when set, is sent as {@code Authorization: Bearer <token>}. */
  public static final String TOKEN_VARIABLE = "MOCKS3_CONTROL_TOKEN";
  /** The fault controller's port in the local stack (before its port offset). */
  public static final int LOCAL_CONTROL_PORT = 8085;
  /**
   * The default local stack's services whose agents apply faults (gateway, projector, storage nodes 1
   * and 2, task workers): the ports a container exposes. {@link #local} asks the control plane instead.
   */
  public static final List<Integer> LOCAL_AGENT_PORTS = List.of(8080, 8081, 8082, 8182, 8083);

  private final ControlPlane plane;

  private MockS3Control(ControlPlane plane) {
    this.plane = plane;
  }

  /** A client of the control plane at {@code controlPlane} (e.g. http://localhost:8085); changes wait for no agent. */
  public static MockS3Control connect(URI controlPlane) {
    return builder(controlPlane).build();
  }

  /**
   * A client of the local stack ({@code ops/mocks3 up}) whose ports are shifted by {@code portOffset}
   * (0 by default): changes return once every running service's agent has them, however many storage
   * nodes and projectors the stack runs ({@link Builder#awaitEveryService}).
   */
  public static MockS3Control local(int portOffset) {
    return builder(URI.create("http://localhost:" + (LOCAL_CONTROL_PORT + portOffset))).awaitEveryService().build();
  }

  public static Builder builder(URI controlPlane) {
    return new Builder(controlPlane);
  }

  /** The control plane's base address. */
  public URI uri() {
    return plane.base();
  }

  /** Fault rules: add, list, change, remove. */
  public Rules rules() {
    return new Rules(plane);
  }

  /** Chaos on {@code topic}'s consumers (e.g. {@code mocks3.commands}): set it fluently, then {@link Chaos#apply()}. */
  public Chaos chaos(String topic) {
    return new Chaos(topic, plane);
  }

  /** The chaos settings in force. */
  public List<ChaosTopic> chaos() {
    return plane.list(plane.get("/api/v1/chaos/topics").path("topics"), ChaosTopic.class);
  }

  /** The topics chaos can be set on. */
  public List<String> chaosTopics() {
    List<String> out = new ArrayList<>();
    plane.get("/api/v1/chaos/topics").path("supported").forEach(t -> out.add(t.asString()));
    return List.copyOf(out);
  }

  /** Appends one record of the log again (e.g. a command a chaos topic lost; its fault event names the position). */
  public void redrive(String topic, int partition, long offset) {
    plane.change("POST", "/api/v1/redrive", Map.of("topic", topic, "partition", partition, "offset", offset));
  }

  /** The shipped fault scenarios: list, start, stop. */
  public Scenarios scenarios() {
    return new Scenarios(plane);
  }

  /** Process scenarios in {@code target}: {@code all}, a service (e.g. task-workers) or an instance (node-1). */
  public ProcessTarget process(String target) {
    return new ProcessTarget(target, plane);
  }

  /** The process orders in force, one per target. */
  public List<ProcessOrder> processOrders() {
    return plane.list(plane.get("/api/v1/process").path("orders"), ProcessOrder.class);
  }

  /** The kill switch: while engaged, no agent injects anything. */
  public KillSwitch killSwitch() {
    return new KillSwitch(plane);
  }

  /** Every dead-letter topic, with how many records wait in it and how many it ever held. */
  public List<DeadLetterTopic> deadLetterTopics() {
    return plane.list(plane.get("/api/v1/dlq").path("topics"), DeadLetterTopic.class);
  }

  /** One dead-letter topic (e.g. {@code mocks3.commands.dlq}): show, re-drive, purge. */
  public DeadLetterQueue deadLetters(String deadLetterTopic) {
    return new DeadLetterQueue(deadLetterTopic, plane);
  }

  /** The injected faults, filtered: {@code events().rule(id).limit(10).list()}. */
  public EventQuery events() {
    return new EventQuery(plane);
  }

  /** Injection counts: total, by rule, by action, by service (as {@code GET /api/v1/stats} answers them). */
  public Stats stats() {
    return new Stats(plane.get("/api/v1/stats"));
  }

  /** Starts a run: the gateway records the S3 history until {@link Run#stop()}; answers once it records. */
  public Run startRun(RunSpec spec) {
    JsonNode run = plane.change("POST", "/api/v1/runs", spec.toJson());
    return new Run(run, plane);
  }

  /** Runs: list, get, export, replay. */
  public Runs runs() {
    return new Runs(plane);
  }

  /**
   * Ends every fault: releases the kill switch, stops the running scenarios and process orders, removes
   * every rule and chaos setting; returns once that is in force. What a test calls between tests.
   */
  public void reset() {
    plane.send("DELETE", "/api/v1/kill-switch", null);
    scenarios().active().forEach(s -> plane.send("POST", "/api/v1/scenarios/" + s.name() + "/stop", null));
    processOrders().forEach(o -> plane.send("POST", "/api/v1/process/" + o.target() + "/stop", null));
    rules().list().forEach(r -> plane.send("DELETE", "/api/v1/rules/" + r.id(), null));
    chaos().forEach(c -> plane.send("DELETE", "/api/v1/chaos/topics/" + c.topic(), null));
    plane.awaitInForce();
  }

  /** Waits until every change the controller confirmed so far is in force at every known agent. */
  public void awaitInForce() {
    plane.awaitInForce();
  }

  /** How to reach the control plane: its address, the agents to wait for, a token, timeouts. */
  public static final class Builder {
    final URI controlPlane;
    final List<URI> agents = new ArrayList<>();
    boolean everyService;
    String token = System.getenv(TOKEN_VARIABLE);
    Duration requestTimeout = Duration.ofMinutes(5);
    Duration inForceTimeout = Duration.ofSeconds(10);

    private Builder(URI controlPlane) {
      this.controlPlane = Objects.requireNonNull(controlPlane, "controlPlane");
    }

    /** A service whose agent applies faults (its base URI; its /health reports {@code position}): changes wait for it. */
    public Builder agent(URI service) {
      agents.add(Objects.requireNonNull(service, "service"));
      return this;
    }

    public Builder agents(List<URI> services) {
      services.forEach(this::agent);
      return this;
    }

    /**
     * Changes wait for every service the control plane itself watches ({@code GET /api/v1/services}:
     * each one's agent position), so the client needs no list of them; services the control plane
     * cannot reach are not waited for.
     */
    public Builder awaitEveryService() {
      this.everyService = true;
      return this;
    }

    /** The bearer token to send (default: {@value #TOKEN_VARIABLE} from the environment); null sends none. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** How long one request may take (default 5 minutes: stopping a run settles the system first). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long a change may take to reach every agent (default 10 s). */
    public Builder inForceTimeout(Duration timeout) {
      this.inForceTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public MockS3Control build() {
      return new MockS3Control(new ControlPlane(this));
    }
  }
}
