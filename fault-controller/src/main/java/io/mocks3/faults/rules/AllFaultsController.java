package io.mocks3.faults.rules;

import io.mocks3.faults.JsonResponses;
import io.mocks3.faults.scenarios.Scenarios;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/v1/faults}: removes every fault at once — the scenarios (with what they
 * wrote), then every rule, chaos topic and process order — and answers what it removed. The
 * console's kill switch engages {@code PUT /api/v1/kill-switch} first, so that agents stop
 * injecting at once, then calls this; the kill switch stays engaged until released.
 */
@RestController
class AllFaultsController {
  private final RuleStore store;
  private final Scenarios scenarios;

  AllFaultsController(RuleStore store, Scenarios scenarios) {
    this.store = store;
    this.scenarios = scenarios;
  }

  @DeleteMapping(value = "/api/v1/faults", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> clear() {
    List<String> stopped = new ArrayList<>();
    scenarios.active().keySet().forEach(name -> {
      if (scenarios.stop(name)) {
        stopped.add(name);
      }
    });
    List<String> rules = store.rules().stream().map(FaultRule::id).toList();
    rules.forEach(store::delete);
    List<String> chaos = store.chaosTopics().stream().map(ChaosTopic::topic).toList();
    chaos.forEach(store::deleteChaos);
    List<String> orders = new ArrayList<>(store.processOrders().keySet());
    orders.forEach(store::deleteProcess);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("scenarios", stopped);
    body.put("rules", rules);
    body.put("chaos_topics", chaos);
    body.put("process_orders", orders);
    body.put("kill_switch", store.killSwitch());
    return JsonResponses.ok(body);
  }
}
