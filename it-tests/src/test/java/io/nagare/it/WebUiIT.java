package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.nagare.testing.TestJars;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a browser, as an operator reaches it: headless Chromium (Debian's, installed by
 * {@code scripts/ensure-debian-packages.sh} when missing) driven by Selenium opens the
 * ResourceManager UI of a MiniYARNCluster, follows the session's tracking link through YARN's web
 * proxy, and reads every page: the operator graph and subtask table show exactly the records of a
 * finished checkpointing job, the checkpoint chart has a point per completed checkpoint of the
 * history, a failed job's exceptions are listed, the task managers show their Prometheus
 * addresses and link their containers' logs. Screenshots go to {@code target/webui-screenshots/},
 * and with {@code -Dnagare.update-screenshots=true} also to {@code docs/images/} (committed).
 */
class WebUiIT {
  private static final int RECORDS = 1_000_000;
  private static final Path SCREENSHOTS = Path.of("target", "webui-screenshots");

  /** Maps 1..1000 at parallelism 2 and throws at 500; restarts once, so it fails twice and ends FAILED. */
  private static final String POISONED_JOB = "package demo;\n"
      + "import io.nagare.api.environment.StreamExecutionEnvironment;\n"
      + "public class PoisonedJob {\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
      + "    env.setParallelism(2);\n"
      + "    env.getConfiguration().setString(\"restart-strategy.type\", \"fixed-delay\");\n"
      + "    env.getConfiguration().setString(\"restart-strategy.fixed-delay.attempts\", \"1\");\n"
      + "    env.getConfiguration().setString(\"restart-strategy.fixed-delay.delay\", \"0 ms\");\n"
      + "    env.fromSequence(1, 1000).map(x -> {\n"
      + "      if (x == 500) { throw new IllegalStateException(\"poisoned at \" + x); }\n"
      + "      return x;\n"
      + "    }).returns(io.nagare.api.typeinfo.Types.LONG).print();\n"
      + "    env.execute(\"poisoned\");\n"
      + "  }\n"
      + "}\n";

  /** Numbers without end at about a thousand a second, over one network edge, until cancelled. */
  private static final String TICKING_JOB = "package demo;\n"
      + "import io.nagare.api.environment.StreamExecutionEnvironment;\n"
      + "public class TickingJob {\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
      + "    env.setParallelism(1);\n"
      + "    env.fromSequence(1, Long.MAX_VALUE).map(x -> {\n"
      + "      Thread.sleep(1);\n"
      + "      return x;\n"
      + "    }).returns(io.nagare.api.typeinfo.Types.LONG).rebalance().filter(x -> x < 0).print();\n"
      + "    env.execute(\"ticking\");\n"
      + "  }\n"
      + "}\n";

  @RegisterExtension
  static final MiniHadoop HADOOP = new MiniHadoop();

  @TempDir
  static Path dir;
  private static Map<String, String> env;
  private static String applicationId;
  private static String rest;
  private static String jobId;
  private static String failedJobId;
  private static WebDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void startSessionJobAndBrowser() throws Exception {
    EdgeNode.assertOk(ScriptRunner.run(900, "ensure-debian-packages.sh", "chromium", "chromium-driver:chromedriver"),
        "ensure-debian-packages.sh chromium chromium-driver:chromedriver");
    env = EdgeNode.environment(HADOOP, dir);
    ScriptRunner.Result started = ScriptRunner.run(240, env, "yarn-session.sh", "-n", "2", "-s", "2", "-jm", "768",
        "-tm", "1024", "-nm", "it web ui", "-D", "metrics.reporters=prom", "-D", "metrics.reporter.prom.port=0",
        "-d");
    EdgeNode.assertOk(started, "yarn-session.sh");
    Matcher running = Pattern.compile("Session (application_[0-9]+_[0-9]+) is RUNNING; REST http://(\\S+:[0-9]+)")
        .matcher(started.stdout());
    assertThat(running.find()).as(started.stdout()).isTrue();
    applicationId = running.group(1);
    rest = running.group(2);

    try (ServerSocket signal = new ServerSocket(0)) {
      signal.setSoTimeout(120_000);
      ScriptRunner.Result submitted = ScriptRunner.run(120, env, "nagare", "run", "-t", "yarn-session", "-D",
          "yarn.application.id=" + applicationId, "-d", ClusterJobsIT.countingJar(dir).toString(),
          HADOOP.hdfsUri() + "/webui-counts", String.valueOf(RECORDS), String.valueOf(signal.getLocalPort()));
      EdgeNode.assertOk(submitted, "nagare run -t yarn-session");
      jobId = ClusterJobsIT.submittedId(submitted);
      try (Socket checkpointed = signal.accept()) {
        assertThat(checkpointed.isConnected()).isTrue();
      }
    }
    JsonNode result = EdgeNode.get(rest, "/jobs/" + jobId + "/result?timeout-ms=180000");
    assertThat(result.get("job").get("state").asText()).as(result.toString()).isEqualTo("FINISHED");
    Path poisoned = TestJars.build(dir, "poisoned", Map.of("demo.PoisonedJob", POISONED_JOB), "demo.PoisonedJob");
    ScriptRunner.Result failed = ScriptRunner.run(120, env, "nagare", "run", "-t", "yarn-session", "-D",
        "yarn.application.id=" + applicationId, poisoned.toString());
    assertThat(failed.exitCode()).as(failed.stderr()).isEqualTo(1);
    failedJobId = ClusterJobsIT.submittedId(failed);

    Files.createDirectories(SCREENSHOTS);
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
        "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterAll
  static void stopBrowserAndSession() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (rest != null) {
      ScriptRunner.Result stopped = ScriptRunner.runWithInput(120, env, "stop\n", "yarn-session.sh", "-id",
          applicationId);
      EdgeNode.assertOk(stopped, "yarn-session.sh -id (stop)");
    }
  }

  /** The text of the element {@code css} selects, once there is one; re-read if the page re-rendered meanwhile. */
  private static String text(String css) {
    return wait.until(d -> d.findElement(By.cssSelector(css)).getText());
  }

  private static void page(String name) {
    wait.until(d -> name.equals(d.findElement(By.tagName("body")).getDomAttribute("data-page")));
  }

  private static void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  private static void screenshot(String name) throws Exception {
    byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    if (Boolean.getBoolean("nagare.update-screenshots")) {
      Files.write(ScriptRunner.home().resolve("docs/images").resolve("webui-" + name + ".png"), png);
    }
  }

  private static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  @Test
  void theResourceManagersTrackingLinkOpensTheUiShowingTheJobsExactCountsAndCheckpoints() throws Exception {
    browser.get("http://" + HADOOP.resourceManagerWebAddress() + "/cluster/apps");
    WebElement tracking = wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[contains(@href, '/proxy/"
        + applicationId + "/')]")));
    tracking.click();
    page("overview");
    assertThat(browser.getCurrentUrl()).contains("/proxy/" + applicationId + "/");
    assertThat(text("[data-metric='taskmanagers']")).isEqualTo("2");
    assertThat(text("[data-metric='slots-total']")).isEqualTo("4");
    assertThat(text("[data-metric='jobs-finished']")).isEqualTo("1");
    assertThat(text("[data-metric='jobs-failed']")).isEqualTo("1");
    assertThat(browser.findElements(By.cssSelector("#ended-jobs tr[data-job-id]"))).hasSize(2);
    screenshot("overview");

    click("[data-nav='jobs']");
    page("jobs");
    assertThat(text("tr[data-job-id='" + jobId + "'] td:nth-child(2)")).isEqualTo("FINISHED");
    assertThat(text("tr[data-job-id='" + failedJobId + "'] td:nth-child(2)")).isEqualTo("FAILED");
    screenshot("jobs");

    click("tr[data-job-id='" + jobId + "'] a");
    page("job");
    wait.until(d -> d.findElements(By.cssSelector("#job-graph g[data-vertex-id]")).size() == 2);
    assertThat(browser.findElements(By.cssSelector("#job-graph path.edge"))).hasSize(1);
    assertThat(text("#job-graph g[data-vertex-id='0'] [data-metric='read-records']")).isEqualTo("0");
    assertThat(text("#job-graph g[data-vertex-id='0'] [data-metric='write-records']")).isEqualTo(count(RECORDS));
    assertThat(text("#job-graph g[data-vertex-id='1'] [data-metric='read-records']")).isEqualTo(count(RECORDS));
    assertThat(text("#job-graph g[data-vertex-id='1'] [data-metric='write-records']")).isEqualTo("0");
    assertThat(text("#vertices tr[data-vertex-id='1'] [data-metric='read-records']")).isEqualTo(count(RECORDS));
    screenshot("job");

    click("#vertices tr[data-vertex-id='1'] a");
    page("vertex");
    wait.until(d -> d.findElements(By.cssSelector("#subtasks tr[data-subtask]")).size() == 4);
    long perSubtask = 0;
    for (int i = 0; i < 4; i++) {
      String shown = text("#subtasks tr[data-subtask='" + i + "'] [data-metric='read-records']");
      perSubtask += Long.parseLong(shown.replace(",", ""));
    }
    assertThat(perSubtask).as("the subtasks' records add up to the job's").isEqualTo(RECORDS);
    screenshot("vertex");

    JsonNode checkpoints = EdgeNode.get(rest, "/jobs/" + jobId + "/checkpoints");
    List<Long> completed = new ArrayList<>();
    checkpoints.get("history").forEach(h -> {
      if (h.get("status").asText().equals("COMPLETED")) {
        completed.add(h.get("id").asLong());
      }
    });
    assertThat(completed).as("the job checkpointed more than once").hasSizeGreaterThan(1);
    browser.get(browser.getCurrentUrl().replaceFirst("#.*$", "") + "#/jobs/" + jobId + "/checkpoints");
    page("checkpoints");
    wait.until(d -> d.findElement(By.id("checkpoint-chart")).getDomAttribute("data-points").equals(
        String.valueOf(completed.size())));
    List<Long> charted = new ArrayList<>();
    browser.findElements(By.cssSelector("#checkpoint-chart circle[data-series='end_to_end_duration']"))
        .forEach(c -> charted.add(Long.parseLong(c.getDomAttribute("data-checkpoint-id"))));
    assertThat(charted).isEqualTo(completed.stream().sorted().toList());
    assertThat(browser.findElements(By.cssSelector("#checkpoint-chart circle[data-series='state_size']")))
        .hasSize(completed.size());
    assertThat(text("[data-metric='checkpoints-completed']")).isEqualTo(checkpoints.get("counts").get("completed")
        .asText());
    assertThat(browser.findElements(By.cssSelector("#checkpoint-history tr[data-checkpoint-id]")))
        .hasSize(checkpoints.get("history").size());
    screenshot("checkpoints");

    click("nav.tabs a[href$='/exceptions']");
    page("exceptions");
    assertThat(text("#root-exception-none")).isEqualTo("The job has not failed.");

    click("nav.tabs a[href$='/config']");
    page("job-config");
    assertThat(text("[data-metric='job-parallelism']")).isEqualTo("4");
    screenshot("job-config");

    JsonNode exceptions = EdgeNode.get(rest, "/jobs/" + failedJobId + "/exceptions");
    int failures = exceptions.get("exceptionHistory").get("entries").size();
    assertThat(failures).as("the first failure and the one after the restart").isEqualTo(2);
    click("[data-nav='jobs']");
    page("jobs");
    click("tr[data-job-id='" + failedJobId + "'] a");
    page("job");
    click("nav.tabs a[href$='/exceptions']");
    page("exceptions");
    assertThat(text("#root-exception")).contains("java.lang.IllegalStateException: poisoned at 500");
    wait.until(d -> d.findElements(By.cssSelector("#exception-history tr[data-exception]")).size() == failures);
    for (int i = 0; i < failures; i++) {
      assertThat(text("#exception-history tr[data-exception='" + i + "'] td:nth-child(3)"))
          .isEqualTo("poisoned at 500");
    }
    screenshot("exceptions");
    click("#exception-history tr.trace summary");
    String before = text("#updated");
    wait.until(d -> !d.findElement(By.id("updated")).getText().equals(before));
    assertThat(browser.findElement(By.cssSelector("#exception-history tr.trace details")).getDomProperty("open"))
        .as("an unfolded stack trace stays unfolded when the page refreshes").isEqualTo("true");

    click("[data-nav='taskmanagers']");
    page("taskmanagers");
    wait.until(d -> d.findElements(By.cssSelector("#taskmanagers tr[data-taskmanager-id]")).size() == 2);
    String taskManager = browser.findElement(By.cssSelector("#taskmanagers tr[data-taskmanager-id]"))
        .getDomAttribute("data-taskmanager-id");
    assertThat(taskManager).startsWith("container_");
    assertThat(browser.findElements(By.cssSelector("#taskmanagers a.log-link"))).as("a log link per container")
        .hasSize(2);
    screenshot("taskmanagers");

    click("#taskmanagers tr[data-taskmanager-id='" + taskManager + "'] a");
    page("taskmanager");
    assertThat(text("#taskmanager-id")).isEqualTo(taskManager);
    assertThat(text("[data-metric='slots']")).isEqualTo("2");
    String reporter = null;
    String log = null;
    for (JsonNode t : EdgeNode.get(rest, "/taskmanagers").get("taskmanagers")) {
      if (t.get("id").asText().equals(taskManager)) {
        reporter = t.get("metric-reporters").get(0).asText();
        log = t.get("log-url").asText();
      }
    }
    assertThat(reporter).startsWith("prometheus=http://").endsWith("/metrics");
    assertThat(text("#metric-reporters li")).isEqualTo(reporter);
    assertThat(log).matches("http://[^/]+:[0-9]+/node/containerlogs/" + taskManager + "/[^/]+");
    String shownLink = wait.until(d -> d.findElement(By.cssSelector("a.log-link")).getDomAttribute("href"));
    assertThat(shownLink).isEqualTo(log);
    assertThat(text("#taskmanager-metrics tr[data-key='Status.JVM.Threads.Count'] td:nth-child(2)")).isNotEmpty();
    screenshot("taskmanager");

    click("[data-nav='jobmanager']");
    page("jobmanager");
    assertThat(text("#jobmanager-config tr[data-key='rest.address'] td:nth-child(2)"))
        .isEqualTo(rest.substring(0, rest.lastIndexOf(':')));
    screenshot("jobmanager");

    watchARunningJobUntilItIsCancelled();
  }

  /**
   * A running job's page updates itself: the record count its source vertex shows grows from one
   * refresh to the next without a reload, and once the job is cancelled from the command line the
   * page shows it cancelled.
   */
  private void watchARunningJobUntilItIsCancelled() throws Exception {
    Path ticking = TestJars.build(dir, "ticking", Map.of("demo.TickingJob", TICKING_JOB), "demo.TickingJob");
    ScriptRunner.Result submitted = ScriptRunner.run(120, env, "nagare", "run", "-t", "yarn-session", "-D",
        "yarn.application.id=" + applicationId, "-d", ticking.toString());
    EdgeNode.assertOk(submitted, "nagare run -t yarn-session -d (ticking)");
    String running = ClusterJobsIT.submittedId(submitted);
    browser.get(browser.getCurrentUrl().replaceFirst("#.*$", "") + "#/jobs/" + running);
    page("job");
    String written = "#job-graph g[data-vertex-id='0'] [data-metric='write-records']";
    String first = wait.until(d -> {
      String shown = d.findElement(By.cssSelector(written)).getText();
      return shown.equals("0") ? null : shown;
    });
    String later = wait.until(d -> {
      String shown = d.findElement(By.cssSelector(written)).getText();
      return shown.equals(first) ? null : shown;
    });
    assertThat(Long.parseLong(later.replace(",", ""))).as("the count grows as the page refreshes")
        .isGreaterThan(Long.parseLong(first.replace(",", "")));
    assertThat(text("#job-name .state")).isEqualTo("RUNNING");

    ScriptRunner.Result cancelled = ScriptRunner.run(120, env, "nagare", "cancel", "-t", "yarn-session", "-D",
        "yarn.application.id=" + applicationId, running);
    EdgeNode.assertOk(cancelled, "nagare cancel -t yarn-session");
    wait.until(d -> d.findElement(By.cssSelector("#job-name .state")).getText().equals("CANCELED"));
  }
}
