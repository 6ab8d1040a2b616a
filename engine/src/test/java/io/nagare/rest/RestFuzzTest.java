package io.nagare.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.MemorySize;
import io.nagare.cluster.JobManager;
import io.nagare.cluster.StandaloneResourceDriver;
import io.nagare.network.ClusterSecret;
import io.nagare.testing.TestCluster;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of a job manager's REST endpoint over raw sockets: random and mutated paths,
 * query strings, methods and bodies on its routes (all but shutting the cluster down) each get an
 * answer below 500 with a JSON error for 4xx, never a silent connection, and the endpoint answers
 * a valid request afterwards. Plus one regression test per malformed request the fuzzing found.
 */
class RestFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SEGMENTS = {"overview", "taskmanagers", "jobs", "config", "jobmanager", "plan",
      "exceptions", "vertices", "backpressure", "checkpoints", "metrics", "result", "attempts", "running", "cancel",
      "savepoints", "stop", "0", "-1", "99999999999999999999", "00000000000000000000000000000000", "", "..", "%",
      "%zz", "%00", "%2F", "é", ":jobid", "*", "tm-1"};
  private static final String[] QUERIES = {"", "?get=a,b", "?timeout-ms=-5", "?timeout-ms=x", "?timeout-ms=1",
      "?await-taskmanagers=x&timeout-ms=1", "?=", "?&&", "?get=%zz", "?%", "?a=%2"};
  private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "HEAD", "OPTIONS"};
  private static final String[] BODIES = {"", "{", "{}", "null", "[]", "{\"target-directory\": 5}",
      "{\"target-directory\": \"\\u0000\"}", "\u0000\u0001\u0002", "{\"target-directory\": [[[[[[]]]]]]}"};

  private static JobManager jm;

  @BeforeAll
  static void start() throws Exception {
    Configuration conf = TestCluster.loopback()
        .set(ClusterOptions.REST_MAX_CONTENT_LENGTH, MemorySize.parse("64 kb"));
    jm = JobManager.start(conf, ClusterSecret.generate(), new StandaloneResourceDriver());
  }

  @AfterAll
  static void stop() {
    jm.close();
  }

  /** The status line and body of the answer to {@code request}, sent raw. */
  private static String[] send(byte[] request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", jm.restPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      String text = answer.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      return new String[] {text.substring(0, Math.max(0, text.indexOf("\r\n"))),
          end < 0 ? "" : text.substring(end + 4)};
    }
  }

  private static byte[] request(String method, String target, String headers, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    return (method + " " + target + " HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n" + headers
        + "Content-Length: " + content.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
  }

  private static int status(String statusLine) {
    String[] parts = statusLine.split(" ");
    assertThat(parts.length).as("status line '%s'", statusLine).isGreaterThanOrEqualTo(2);
    return Integer.parseInt(parts[1]);
  }

  @Test
  void randomRequestsGetAnAnswerAndTheEndpointStaysUp() throws Exception {
    Random random = new Random(18);
    for (int i = 0; i < 300; i++) {
      StringBuilder path = new StringBuilder();
      for (int n = 1 + random.nextInt(5); n > 0; n--) {
        path.append('/').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
      }
      String target = path + QUERIES[random.nextInt(QUERIES.length)];
      String method = METHODS[random.nextInt(METHODS.length)];
      String[] answer = send(request(method, target, "", BODIES[random.nextInt(BODIES.length)]));
      int status = status(answer[0]);
      assertThat(status).as("%s %s: %s", method, target, answer[1]).isBetween(200, 499);
      if (status >= 400 && !method.equals("HEAD")) {
        assertThat(JSON.readTree(answer[1]).get("errors").get(0).asText()).as("%s %s", method, target).isNotBlank();
      }
    }
    String[] overview = send(request("GET", "/overview", "", ""));
    assertThat(status(overview[0])).isEqualTo(200);
    assertThat(JSON.readTree(overview[1]).get("taskmanagers").asInt()).isZero();
  }

  private static JsonNode refused(int expectedStatus, byte[] request) throws Exception {
    String[] answer = send(request);
    assertThat(status(answer[0])).as(answer[0]).isEqualTo(expectedStatus);
    return JSON.readTree(answer[1]).get("errors");
  }

  @Test
  void aUriThatDoesNotDecodeIs400() throws Exception {
    assertThat(refused(400, request("GET", "/jobs/%zz", "", "")).get(0).asText())
        .startsWith("Malformed request URI: ");
  }

  @Test
  void aTooLongUriIs414() throws Exception {
    assertThat(refused(414, request("GET", "/jobs/" + "a".repeat(10_000), "", "")).get(0).asText())
        .isEqualTo("The request line is longer than 8192 bytes");
  }

  @Test
  void tooLargeHeadersAre431() throws Exception {
    assertThat(refused(431, request("GET", "/overview", "X-Big: " + "b".repeat(20_000) + "\r\n", "")).get(0)
        .asText()).isEqualTo("The request headers are longer than 16384 bytes");
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    assertThat(refused(413, request("POST", "/jobs", "", "x".repeat(70_000))).get(0).asText())
        .isEqualTo("The request body is larger than 65536 bytes (rest.server.max-content-length)");
  }
}
