package io.mocks3.systemtest.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.client.ChaosTopic;
import io.mocks3.client.DeadLetter;
import io.mocks3.client.MockS3Control;
import io.mocks3.client.Rule;
import io.mocks3.client.Run;
import io.mocks3.ops.stack.StackLayout;
import io.mocks3.systemtest.LocalStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real headless Chromium against the real local stack: what a person does in the
 * pages reaches the control plane and the system. Every fault a test sets is on a bucket of its own
 * and removed after it; every test leaves a screenshot in {@code target/console-screenshots/}.
 */
@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
  private static final String COMMANDS = "mocks3.commands";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static String endedRun;
  private final MockS3Control mocks3 = MockS3Control.local(LocalStackExtension.PORT_OFFSET);
  private ConsoleBrowser browser;
  private String bucket;

  @BeforeEach
  void open() throws Exception {
    bucket = "console-" + UUID.randomUUID().toString().substring(0, 8);
    browser = new ConsoleBrowser(LocalStackExtension.layout().url(StackLayout.FAULTS));
  }

  @AfterEach
  void shootAndCalm(TestInfo test) throws Exception {
    try {
      browser.screenshot(test.getTestMethod().orElseThrow().getName());
    } finally {
      browser.close();
      mocks3.reset();
    }
  }

  @Test
  @Order(1)
  void applyingChaosInTheFormChangesTheChaosTopicsOfTheApi() {
    browser.open("chaos");
    browser.await(d -> new Select(d.findElement(By.id("chaos-topic"))).getOptions().size() > 1);
    new Select(browser.visible(By.id("chaos-topic"))).selectByValue(COMMANDS);
    browser.type("chaos-key-filter", bucket);
    browser.type("chaos-seed", "42");
    browser.type("chaos-loss-rate", "1.5");
    browser.visible(By.id("chaos-apply")).click();
    // Refused, and why, beside the form; nothing changed.
    browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("chaos-problems"), "loss_rate"));
    assertThat(mocks3.chaos()).noneMatch(c -> bucket.equals(c.keyFilter()));

    browser.type("chaos-loss-rate", "0.25");
    browser.visible(By.id("chaos-apply")).click();
    ChaosTopic applied = await().atMost(Duration.ofSeconds(15)).until(() -> mocks3.chaos().stream()
        .filter(c -> c.topic().equals(COMMANDS)).findFirst().orElse(null), c -> c != null && bucket.equals(c.keyFilter()));
    assertThat(applied.lossRate()).isEqualTo(0.25);
    assertThat(applied.seed()).isEqualTo(42L);
    assertThat(browser.visible(By.cssSelector("#chaos-table tr[data-topic='" + COMMANDS + "']")).getText()).contains(bucket);
  }

  @Test
  @Order(2)
  void aDeadLetteredCommandIsShownAndReDrivingItFromThePageMakesTheObjectReadable() throws Exception {
    assertThat(s3("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    mocks3.chaos(COMMANDS).keyFilter(bucket).deadLetter(1.0).consumer("metadata-projector").apply();
    String body = "parked by the console test " + bucket;
    assertThat(s3("PUT", "/" + bucket + "/parked.txt", body, "x-mocks3-consistency", "eventual").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> mine().size() == 1);
    mocks3.chaos(COMMANDS).clear();
    assertThat(s3("GET", "/" + bucket + "/parked.txt", null).statusCode()).isEqualTo(404);

    browser.open("dlq?topic=" + COMMANDS + ".dlq");
    By row = By.cssSelector("#dlq-records tr[data-key='" + bucket + "']");
    assertThat(browser.visible(row).getText()).contains("fault injected: chaos on " + COMMANDS, "parked.txt", "metadata-projector");
    browser.await(d -> {
      d.findElement(row).findElement(By.className("redrive-one")).click();
      return true;
    });
    await().atMost(Duration.ofSeconds(20)).until(() -> s3("GET", "/" + bucket + "/parked.txt", null).statusCode() == 200);
    assertThat(s3("GET", "/" + bucket + "/parked.txt", null).body()).isEqualTo(body);
    browser.await(ExpectedConditions.invisibilityOfElementLocated(row));
    assertThat(mine()).isEmpty();
  }

  @Test
  @Order(3)
  void startingAndStoppingARunShowsItsReportWithItsCharts() throws Exception {
    String name = "console " + bucket;
    browser.open("runs");
    browser.type("run-name", name);
    browser.type("run-settle", "1s");
    browser.type("run-extra", """
        {"chaos": [{"topic": "mocks3.commands", "key_filter": "%s", "delay": "300ms", "delay_rate": 1.0}],
         "expectations": {"lost_acknowledged_writes": 0}}""".formatted(bucket));
    browser.visible(By.id("run-start")).click();
    Run run = await().atMost(Duration.ofSeconds(30)).until(() -> mocks3.runs().list().stream()
        .filter(r -> r.name().equals(name)).findFirst().orElse(null), r -> r != null);
    assertThat(run.state()).isEqualTo(Run.State.OPEN);
    By report = By.cssSelector("#run-report[data-run-id='" + run.id() + "']");
    browser.visible(report);
    // Traffic for the report: a write read back, and a read of a key never written.
    assertThat(s3("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    assertThat(s3("PUT", "/" + bucket + "/a.txt", "a", "x-mocks3-consistency", "eventual").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> s3("GET", "/" + bucket + "/a.txt", null).statusCode() == 200);

    browser.await(d -> {
      d.findElement(By.cssSelector("#runs-table tr[data-run-id='" + run.id() + "'] .run-stop")).click();
      return true;
    });
    By ended = By.cssSelector("#run-report[data-run-id='" + run.id() + "'][data-state='ENDED']");
    browser.visible(ended);
    assertThat(mocks3.runs().get(run.id()).orElseThrow().state()).isEqualTo(Run.State.ENDED);
    for (String chart : List.of("svg#chart-timeline", "svg#chart-lag", "svg#chart-fates",
        "svg#chart-fates rect", // a bar per fate of the acknowledged writes
        "svg#chart-timeline line[stroke='#d9822b']")) { // the delays on the timeline
      browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#run-report[data-state='ENDED'] " + chart)));
    }
    assertThat(browser.visible(By.id("run-counters")).getText()).contains("Acknowledged writes");
    endedRun = run.id();
  }

  @Test
  @Order(4)
  void theKillSwitchClearsEveryFault() {
    mocks3.rules().add(Rule.fromJson("""
        {"name": "console kill switch %s", "service": "gateway", "conditions": [{"type": "bucket", "value": "%s"}],
         "action": {"type": "http_error", "http_code": 503}}""".formatted(bucket, bucket)));
    mocks3.chaos("mocks3.events").keyFilter(bucket).loss(0.5).apply();
    browser.open("overview");
    browser.await(ExpectedConditions.textToBe(By.id("overview-rules"), "1"));

    browser.visible(By.id("kill-switch")).click();
    browser.confirm();
    await().atMost(Duration.ofSeconds(15)).until(() -> mocks3.rules().list().isEmpty() && mocks3.chaos().isEmpty());
    assertThat(mocks3.killSwitch().engaged()).isTrue();
    browser.await(ExpectedConditions.textToBe(By.id("kill-switch-state"), "kill switch engaged"));
    browser.await(ExpectedConditions.textToBe(By.id("overview-rules"), "0"));
  }

  /** Every page shows its content (a picture of each for the README); runs last, when there is something to see. */
  @Test
  @Order(5)
  void everyPageShowsItsContent() throws Exception {
    assertThat(s3("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    page("overview", By.cssSelector("#services tr[data-service='api-gateway']"));
    ruleCreatedInTheForm();
    mocks3.chaos(COMMANDS).keyFilter(bucket).loss(0.05).duplicate(0.02).seed(7).apply();
    page("chaos", By.cssSelector("#chaos-table tr[data-topic='" + COMMANDS + "']"));
    mocks3.chaos(COMMANDS).clear(); // the poison record below must reach the DLQ, not be lost
    page("scenarios", By.cssSelector("#scenarios-table tr[data-scenario]"));
    poisonDiscardedFromTheDlqPage();
    page("topics?topic=" + COMMANDS + "&key=" + bucket, By.cssSelector("#records tr[data-offset]"));
    assertThat(browser.visible(By.id("records")).getText()).contains("CreateBucket", bucket);
    page("events", By.id("events-table"));
    browser.open(endedRun == null ? "runs" : "runs?run=" + endedRun);
    WebElement charts = browser.visible(By.id(endedRun == null ? "runs-table" : "run-report"));
    ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", charts);
    browser.screenshot("page-runs");
  }

  private void ruleCreatedInTheForm() throws Exception {
    browser.open("rules");
    browser.type("rule-name", "slow PUTs to " + bucket);
    browser.type("rule-service", "gateway");
    browser.type("rule-conditions", """
        [{"type": "operation", "value": "PutObject"}, {"type": "bucket", "value": "%s"}]""".formatted(bucket));
    browser.type("rule-action", "{\"type\": \"delay\", \"delay\": \"200ms\"}");
    browser.visible(By.id("rule-save")).click();
    page("rules", By.xpath("//table[@id='rules-table']//td[contains(., 'slow PUTs to " + bucket + "')]"));
    assertThat(mocks3.rules().list()).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("slow PUTs to " + bucket));
  }

  /** A poison record of this test's bucket waits in the command DLQ; discarded in the page, it waits no more. */
  private void poisonDiscardedFromTheDlqPage() throws Exception {
    mocks3.chaos(COMMANDS).poison(1, bucket);
    await().atMost(Duration.ofSeconds(20)).until(() -> mine().size() == 1);
    By poison = By.cssSelector("#dlq-records tr[data-key='" + bucket + "']");
    page("dlq?topic=" + COMMANDS + ".dlq", poison);
    browser.await(d -> {
      d.findElement(poison).findElement(By.className("discard-one")).click();
      return true;
    });
    browser.await(ExpectedConditions.invisibilityOfElementLocated(poison));
    assertThat(mine()).as("discarded: no longer waiting").isEmpty();
  }

  private void page(String page, By content) throws Exception {
    browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    browser.open(page);
    browser.visible(content);
    browser.screenshot("page-" + page.replaceFirst("\\?.*", ""));
  }

  /** This test's dead letters waiting in the command log's DLQ. */
  private List<DeadLetter> mine() {
    return mocks3.deadLetters(COMMANDS + ".dlq").show(1000).stream().filter(d -> bucket.equals(d.key())).toList();
  }

  private static HttpResponse<String> s3(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(LocalStackExtension.gateway() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
