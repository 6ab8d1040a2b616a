package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.SinkFunction;
import io.nagare.network.ClusterSecret;
import io.nagare.testing.CollectSink;
import io.nagare.testing.TestJars;
import io.nagare.testing.TestCluster;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.apache.commons.beanutils.BeanComparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job manager and a task manager facing a crafted submission: the gadget payload is refused over
 * REST with the class it names, no job is created, and the cluster still runs a job built from a
 * separately compiled jar (lambdas, the jar's own value class) right after.
 */
class HostileSubmissionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ClusterSecret SECRET = ClusterSecret.generate();
  @TempDir
  static Path dir;
  private static TestCluster cluster;
  private static JobManager jm;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = TestCluster.start(new Configuration().set(ClusterOptions.SLOT_REQUEST_TIMEOUT, Duration.ofSeconds(30)),
        SECRET);
    jm = cluster.jobManager();
    cluster.addTaskManager(2);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  private static HttpResponse<String> post(byte[] body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + jm.restPort()
        + "/jobs")).header(io.nagare.rest.RestAccess.HEADER, io.nagare.rest.RestAccess.SCHEME + " " + SECRET.encoded())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aGadgetPayloadIsRefusedNamingItsClassAndAJobFromARealJarStillRuns() throws Exception {
    PriorityQueue<Object> gadget = new PriorityQueue<>(2, new BeanComparator<>("outputProperties"));
    ByteArrayOutputStream graph = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(graph)) {
      out.writeObject(gadget);
    }
    byte[] jar = Files.readAllBytes(userJar());
    byte[] body = ByteBuffer.allocate(4 + graph.size() + jar.length).putInt(graph.size()).put(graph.toByteArray())
        .put(jar).array();

    HttpResponse<String> refused = post(body);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).get("errors").get(0).asText()).isEqualTo(
        "Cannot load the submitted job with its jar: io.nagare.security.DeserializationRefusedException: Refused to"
        + " deserialize: class org.apache.commons.beanutils.BeanComparator is not allowed: it is neither a JDK type"
        + " jobs are made of, nor nagare's, nor defined by the job's jar (it comes from "
        + BeanComparator.class.getProtectionDomain().getCodeSource().getLocation()
        + "). If the job needs it, add it to security.deserialization.allowed-classes");
    assertThat(jm.overview().get(10, TimeUnit.SECONDS).jobsRunning()).isZero();

    CollectSink<String> sink = new CollectSink<>();
    try (URLClassLoader client = new URLClassLoader(new URL[] {userJar().toUri().toURL()},
        getClass().getClassLoader())) {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1",
          jm.restPort(), cluster.clientConfiguration(dir), userJar().toString());
      env.setParallelism(2);
      client.loadClass("userjob.Pipeline").getMethod("build", StreamExecutionEnvironment.class, SinkFunction.class)
          .invoke(null, env, sink);
      env.execute("from a real jar");
    }
    assertThat(sink.values()).containsExactlyInAnyOrder("100 cents", "200 cents", "300 cents", "400 cents");
  }

  private static Path userJar() throws Exception {
    Path jar = dir.resolve("userjob.jar");
    if (Files.exists(jar)) {
      return jar;
    }
    return TestJars.build(dir, "userjob", Map.of(
        "userjob.Money", "package userjob; public final class Money implements java.io.Serializable {"
            + " public long cents; public Money() {} public Money(long cents) { this.cents = cents; }"
            + " public String toString() { return cents + \" cents\"; } }",
        "userjob.Pipeline", "package userjob; import io.nagare.api.environment.StreamExecutionEnvironment;"
            + " import io.nagare.api.functions.SinkFunction; public final class Pipeline {"
            + " public static void build(StreamExecutionEnvironment env, SinkFunction<String> sink) {"
            + "   long factor = 100;"
            + "   env.fromSequence(1, 4).map(n -> new Money(n * factor)).returns(Money.class)"
            + "       .rebalance().map(m -> m.toString()).returns(String.class).addSink(sink); } }"),
        null);
  }
}
