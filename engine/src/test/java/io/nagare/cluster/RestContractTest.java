package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.typeinfo.Types;
import io.nagare.network.ClusterSecret;
import io.nagare.testing.CollectSink;
import io.nagare.testing.TestCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the job manager's REST API, taken from its route table so a new route is covered
 * the day it is added: each GET answers 200 with JSON for a finished job, its vertex and a task
 * manager; an unknown job, vertex or task manager is a 404 and a malformed id a 400, each with a
 * JSON message naming it; changing routes refuse unknown jobs the same way. Every changing route
 * refuses a request without the cluster secret, or with a wrong one, with 401 and changes nothing.
 */
class RestContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Routes not called here: they stop the cluster ({@code ClusterEntrypointTest} and the ITs call them). */
  private static final Set<String> STOPPING = Set.of("DELETE /cluster", "POST /cluster/shutdown");

  @TempDir
  static Path dir;
  private static TestCluster cluster;
  private static JobManager jm;
  private static TaskManager tm;
  private static ClusterSecret secret;
  private static String jobId;

  @BeforeAll
  static void runAJob() throws Exception {
    cluster = TestCluster.start(new Configuration().set(ClusterOptions.HEARTBEAT_TIMEOUT, Duration.ofSeconds(30)));
    jm = cluster.jobManager();
    secret = cluster.secret();
    tm = cluster.addTaskManager(2);
    StreamExecutionEnvironment env = cluster.remoteEnvironment(dir);
    env.setParallelism(2);
    env.enableCheckpointing(50);
    env.getCheckpointConfig().setCheckpointStorage(dir.resolve("checkpoints").toUri().toString());
    env.fromSequence(1, 10_000).rebalance().map(x -> x * 2, Types.LONG).addSink(new CollectSink<>());
    JobExecutionResult result = env.execute("contract");
    jobId = result.getJobId();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private record Answer(int status, String contentType, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  /** Calls {@code method path}, presenting the cluster secret unless the method is GET. */
  private static Answer call(String method, String path) throws Exception {
    return call(method, path, !method.equals("GET"));
  }

  private static Answer call(String method, String path, boolean withSecret) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jm.restPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (withSecret) {
      request.header("Authorization", "Bearer " + secret.encoded());
    }
    HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  private static String fill(String pattern, String job, String vertex, String taskManager) {
    return pattern.replace(":jobid", job).replace(":vertexid", vertex).replace(":tmid", taskManager)
        .replace(":attempt", "0").replace(":file", "index.html");
  }

  private static Map<String, io.nagare.rest.RestServer.Handler> routes() {
    return new JobManagerRest(null, new Configuration()).routes().handlers();
  }

  @Test
  void everyReadingRouteAnswersJsonForAFinishedJob() throws Exception {
    int checked = 0;
    for (String route : routes().keySet()) {
      if (!route.startsWith("GET ")) {
        continue;
      }
      String path = fill(route.substring(4), jobId, "1", tm.id());
      Answer a = call("GET", path);
      assertThat(a.status()).as("%s -> %s", route, a.body()).isEqualTo(200);
      if (route.equals("GET /") || route.equals("GET /:file")) {
        assertThat(a.contentType()).as(route).startsWith("text/html");
      } else {
        assertThat(a.contentType()).as(route).startsWith("application/json");
        assertThat(a.json()).as(route).isNotNull();
      }
      checked++;
    }
    assertThat(checked).isEqualTo(routes().keySet().stream().filter(r -> r.startsWith("GET ")).count())
        .isGreaterThanOrEqualTo(20);
  }

  @Test
  void unknownJobsVerticesAndTaskManagersAre404AndMalformedIds400WithAMessage() throws Exception {
    String unknownJob = "0123456789abcdef0123456789abcdef";
    for (String route : routes().keySet()) {
      if (STOPPING.contains(route)) {
        continue;
      }
      String method = route.substring(0, route.indexOf(' '));
      String pattern = route.substring(method.length() + 1);
      if (pattern.contains(":jobid")) {
        Answer a = call(method, fill(pattern, unknownJob, "1", tm.id()));
        assertThat(a.status()).as("%s with an unknown job: %s", route, a.body()).isEqualTo(404);
        assertThat(a.json().get("errors").get(0).asText()).as(route).contains(unknownJob);
      }
      if (pattern.contains(":vertexid")) {
        Answer missing = call(method, fill(pattern, jobId, "7", tm.id()));
        assertThat(missing.status()).as("%s with vertex 7: %s", route, missing.body()).isEqualTo(404);
        assertThat(missing.json().get("errors").get(0).asText()).isEqualTo("Job " + jobId + " has no vertex 7");
        Answer malformed = call(method, fill(pattern, jobId, "x", tm.id()));
        assertThat(malformed.status()).as("%s with vertex x", route).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).asText()).isEqualTo("the vertex id is a whole number, not 'x'");
      }
      if (pattern.contains(":tmid")) {
        Answer a = call(method, fill(pattern, jobId, "1", "tm-nobody"));
        assertThat(a.status()).as(route).isEqualTo(404);
        assertThat(a.json().get("errors").get(0).asText()).isEqualTo("No task manager tm-nobody");
      }
    }
  }

  @Test
  void everyChangingRouteRefusesRequestsWithoutTheSecretOrWithAWrongOneAndChangesNothing() throws Exception {
    int checked = 0;
    for (String route : routes().keySet()) {
      String method = route.substring(0, route.indexOf(' '));
      if (method.equals("GET")) {
        continue;
      }
      String path = fill(route.substring(method.length() + 1), jobId, "1", tm.id());
      Answer without = call(method, path, false);
      assertThat(without.status()).as("%s without the secret: %s", route, without.body()).isEqualTo(401);
      assertThat(without.json().get("errors").get(0).asText()).as(route).isEqualTo(method + " " + path
          + " changes the cluster and needs its secret: send the cluster secret as 'Authorization: Bearer <secret>'"
          + " (clients read it from the file cluster.secret-file names; on YARN from the application's credentials)");
      HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jm.restPort()
          + path)).method(method, HttpRequest.BodyPublishers.ofString("{}"))
          .header("Authorization", "Bearer " + ClusterSecret.generate().encoded()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).as("%s with a wrong secret", route).isEqualTo(401);
      assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"nagare\"");
      assertThat(JSON.readTree(wrong.body()).get("errors").get(0).asText()).as(route)
          .startsWith("The Authorization header does not present this cluster's secret; ")
          .doesNotContain(secret.encoded());
      checked++;
    }
    assertThat(checked).isEqualTo(6);
    JsonNode jobs = JSON.readTree(call("GET", "/jobs").body()).get("jobs");
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).get("jid").asText()).isEqualTo(jobId);
    assertThat(jm.shutdownRequested()).as("the cluster was not stopped").isNotDone();
  }

  @Test
  void unknownPathsAndMethodsAreRefusedWithJson() throws Exception {
    Answer unknown = call("GET", "/jobs/" + jobId + "/vertices/1/nothing/here");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("errors").get(0).asText()).isEqualTo("Not found: /jobs/" + jobId
        + "/vertices/1/nothing/here");
    Answer wrongMethod = call("PUT", "/jobs/" + jobId);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json().get("errors").get(0).asText()).isEqualTo("PUT is not allowed on /jobs/" + jobId);
    Answer badNumber = call("GET", "/jobs/" + jobId + "/result?timeout-ms=soon");
    assertThat(badNumber.status()).isEqualTo(400);
    assertThat(badNumber.json().get("errors").get(0).asText()).isEqualTo("timeout-ms takes a whole number, not 'soon'");
  }
}
