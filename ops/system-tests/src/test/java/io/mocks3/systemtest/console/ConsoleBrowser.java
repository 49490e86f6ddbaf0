package io.mocks3.systemtest.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by
 * {@code .ci/run}) at 1280 px, pointed at the console. Without them the tests fail and say what to
 * install: a browser test that cannot run a browser has not passed.
 */
final class ConsoleBrowser implements AutoCloseable {
  static final Path CHROMEDRIVER = Path.of(System.getProperty("mocks3.chromedriver", "/usr/bin/chromedriver"));
  static final Path CHROMIUM = Path.of(System.getProperty("mocks3.chromium", "/usr/bin/chromium"));
  /** Where every test leaves its screenshot (kept by the build as an artifact). */
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private final WebDriver driver;
  private final String base;

  ConsoleBrowser(String base) {
    if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException("the console's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
          + ": apt-get install -y chromium chromium-driver (.ci/run does)");
    }
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 900));
    this.base = base;
  }

  /** Opens a page of the console, e.g. {@code "chaos"} or {@code "dlq?topic=mocks3.commands.dlq"}. */
  void open(String page) {
    driver.get(base + "/#/" + page);
    await(ExpectedConditions.attributeToBe(By.id("page"), "data-page", page.replaceFirst("\\?.*", "")));
  }

  <T> T await(java.util.function.Function<? super WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition);
  }

  WebElement visible(By by) {
    return await(ExpectedConditions.visibilityOfElementLocated(by));
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  void type(String id, String text) {
    WebElement field = visible(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  /** Accepts the confirmation a destructive button asks for. */
  void confirm() {
    await(ExpectedConditions.alertIsPresent()).accept();
  }

  WebDriver driver() {
    return driver;
  }

  /** Saves what the browser shows now as {@code target/console-screenshots/<name>.png}. */
  Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    return file;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
