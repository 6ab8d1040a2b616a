package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import io.nagare.testing.TestJars;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * nagare on a kerberized YARN and HDFS against a real KDC (MiniKdc, a kerberized MiniDFSCluster
 * and MiniYARNCluster: {@link MiniHadoop#kerberized}), through the scripts, as a user with a keytab
 * runs it. HDFS delegation tokens live {@value #RENEW_INTERVAL_MILLIS} ms until renewed and
 * {@value #MAX_LIFETIME_MILLIS} ms at most; every Hadoop RPC connection closes after 100 ms idle,
 * so each HDFS access authenticates again with the tokens its process holds at the time.
 *
 * <p>The client logs in from the user's keytab, obtains the first tokens and ships the keytab; the
 * ApplicationMaster re-obtains tokens at half their remaining lifetime and pushes them to the task
 * manager containers, which have no Kerberos ticket. A checkpointing job that lasts at least 30 s
 * (three renewal intervals, half as much again as the maximum lifetime) finishes with no restart and
 * exact counts in HDFS, and checkpoints triggered after every token the containers started with
 * had expired for good complete. A per-job application copies a Kafka topic with the
 * application's Kafka delegation token alone (a broker in this JVM with a SCRAM listener).
 *
 * <p>Facts about kerberized mini clusters learnt here (besides those of {@link SecureHdfs}): every
 * service in the JVM logs in as one principal; YARN needs only {@code yarn.resourcemanager.principal}
 * / {@code .keytab} and {@code yarn.nodemanager.principal} / {@code .keytab} on top of a kerberized
 * HDFS's configuration; the DefaultContainerExecutor launches containers of a Kerberos user (they
 * run as the NodeManager's OS user, in the user's {@code usercache} directory), no
 * LinuxContainerExecutor needed; the web apps may stay on simple HTTP authentication. The
 * ResourceManager renews the client's tokens (their renewer is its principal's short name) until
 * their maximum lifetime, and logs the failed renewals after it without failing the application.
 * The NodeManager localizes a container with the tokens of its launch context, so the maximum
 * lifetime must cover submission to a running ApplicationMaster (20 s here: localizing the
 * ApplicationMaster's 90 MB took up to 20 s on a loaded 2-core machine), and the renewal interval
 * a task manager container's localization (the ApplicationMaster's own tokens are renewed by
 * nobody and die after one interval); a localization outliving its tokens fails the attempt with
 * exit code -1000 ("token ... has expired"). The DataNode must not require SASL on data transfer
 * (see {@link SecureHdfs#SecureHdfs(long, long, boolean)}).
 */
class KerberosYarnIT {
  private static final long RENEW_INTERVAL_MILLIS = 10_000;
  private static final long MAX_LIFETIME_MILLIS = 20_000;
  private static final int RECORDS = 600_000;

  @RegisterExtension
  static final SecureHdfs HDFS = new SecureHdfs(RENEW_INTERVAL_MILLIS, MAX_LIFETIME_MILLIS, false);
  @RegisterExtension
  static final MiniHadoop HADOOP = MiniHadoop.kerberized(HDFS, Map.of("ipc.client.connection.maxidletime", "100"));

  @RegisterExtension
  static final KafkaExtension KAFKA = KafkaExtension.withScram(Map.of());

  @TempDir
  static Path dir;
  private static Map<String, String> env;

  /** The user's edge node: the cluster's configuration, and a nagare configuration naming the user's keytab. */
  @BeforeAll
  static void edgeNode() throws Exception {
    env = EdgeNode.environment(HADOOP, dir);
    Files.writeString(dir.resolve("conf/nagare-conf.yaml"), "security.kerberos.login.keytab: "
        + HDFS.userKeytab().getAbsolutePath() + "\nsecurity.kerberos.login.principal: " + HDFS.userPrincipal()
        + "\nsecurity.kerberos.tokens.renewal.time-ratio: 0.5\nsecurity.kerberos.tokens.renewal.retry.backoff: 1 s\n",
        StandardOpenOption.APPEND);
    env.put("NAGARE_CLIENT_OPTS", "-Djava.security.krb5.conf=" + HDFS.krb5Conf().getAbsolutePath());
  }

  /** Sleeps 1 ms every 10 records: 300,000 records per source subtask last at least 30 s. */
  private static final String SLOW_THROTTLE = "package demo;\n"
      + "public class Throttle implements io.nagare.api.functions.MapFunction<Long, Long> {\n"
      + "  private long seen;\n"
      + "  public Long map(Long x) throws Exception {\n"
      + "    if (++seen % 10 == 0) { Thread.sleep(1); }\n"
      + "    return x;\n"
      + "  }\n"
      + "}\n";

  @Test
  void aSessionJobKeepsCheckpointingPastTheTokensMaximumLifetimeWithTheKeytab() throws Exception {
    ScriptRunner.Result started = ScriptRunner.run(240, env, "yarn-session.sh", "-n", "2", "-s", "2", "-jm", "768",
        "-tm", "1024", "-nm", "it kerberos", "-d");
    EdgeNode.assertOk(started, "yarn-session.sh");
    long firstTokensDeadAt = System.currentTimeMillis() + MAX_LIFETIME_MILLIS;
    Matcher running = Pattern.compile("Session (application_[0-9]+_[0-9]+) is RUNNING; REST http://(\\S+:[0-9]+)")
        .matcher(started.stdout());
    assertThat(running.find()).as(started.stdout()).isTrue();
    String id = running.group(1);
    String rest = running.group(2);

    Path jar = TestJars.build(dir, "slow-counting", Map.of("demo.CountingJob", ClusterJobsIT.COUNTING_JOB,
        "demo.Throttle", SLOW_THROTTLE, "demo.CountPerKey", ClusterJobsIT.COUNT_PER_KEY), "demo.CountingJob");
    String output = HDFS.hdfsUri() + "/user/" + SecureHdfs.USER + "/kerberos-counts";
    String jobId;
    try (ServerSocket signal = new ServerSocket(0)) {
      signal.setSoTimeout(120_000);
      ScriptRunner.Result submitted = ScriptRunner.run(120, env, "nagare", "run", "-t", "yarn-session", "-D",
          "yarn.application.id=" + id, "-d", jar.toString(), output, String.valueOf(RECORDS),
          String.valueOf(signal.getLocalPort()));
      EdgeNode.assertOk(submitted, "nagare run -t yarn-session");
      jobId = ClusterJobsIT.submittedId(submitted);
      try (Socket checkpointed = signal.accept()) {
        assertThat(checkpointed.isConnected()).as("the job's first checkpoint completed").isTrue();
      }
    }

    JsonNode result = EdgeNode.get(rest, "/jobs/" + jobId + "/result?timeout-ms=240000");
    assertThat(result.get("job").get("state").asText()).as(result.toString()).isEqualTo("FINISHED");
    assertThat(result.get("restarts").asInt()).isZero();
    assertThat(EdgeNode.get(rest, "/jobs/" + jobId + "/exceptions").get("exceptionHistory").get("entries"))
        .isEmpty();
    List<String> expected = new ArrayList<>();
    for (int k = 0; k < ClusterJobsIT.KEYS; k++) {
      expected.add(k + "," + RECORDS / ClusterJobsIT.KEYS);
    }
    assertThat(YarnIT.committedLines(FileSystem.get(HADOOP.conf()), output))
        .containsExactlyInAnyOrderElementsOf(expected);

    JsonNode checkpoints = EdgeNode.get(rest, "/jobs/" + jobId + "/checkpoints");
    assertThat(checkpoints.get("counts").get("failed").asInt()).as("%s", checkpoints).isZero();
    List<Long> completedAfterExpiry = new ArrayList<>();
    for (JsonNode c : checkpoints.get("history")) {
      if (c.get("status").asText().equals("COMPLETED") && c.get("trigger_timestamp").asLong() > firstTokensDeadAt) {
        completedAfterExpiry.add(c.get("id").asLong());
      }
    }
    assertThat(completedAfterExpiry).as("checkpoints completed after the containers' first tokens expired; %s",
        checkpoints).hasSizeGreaterThanOrEqualTo(3);

    ScriptRunner.Result stopped = ScriptRunner.runWithInput(120, env, "stop\n", "yarn-session.sh", "-id", id);
    EdgeNode.assertOk(stopped, "yarn-session.sh -id (stop)");
    assertThat(stopped.stdout()).contains("Session " + id + " stopped: SUCCEEDED");
  }

  /**
   * A per-job application whose job reads and writes Kafka with the application's Kafka delegation
   * token alone: the client, logged in to Kafka with SCRAM by the {@code security.kafka.*}
   * settings, obtains the token (the Kafka connector's provider, found in the job jar) and ships it
   * in the application's credentials; the job's source and sink ask only for SASL, and their
   * clients in the ApplicationMaster (the split enumerator) and in the task manager containers
   * authenticate with the token.
   */
  @Test
  void aPerJobApplicationReadsAndWritesKafkaWithTheApplicationsTokenAlone() throws Exception {
    var broker = KAFKA.broker();
    broker.addScramUser(SecureHdfs.USER, "alice-secret");
    broker.createTopic("token-in", 2);
    broker.createTopic("token-out", 2);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      values.add("t-" + i);
    }
    broker.produceAll("token-in", 0, values.subList(0, 1_000));
    broker.produceAll("token-in", 1, values.subList(1_000, 2_000));

    ScriptRunner.Result ran = ScriptRunner.run(240, env, "nagare", "run", "-t", "yarn-per-job",
        "-D", "security.kafka.bootstrap-servers=" + broker.saslBootstrapServers(),
        "-D", "security.kafka.login.security.protocol=SASL_PLAINTEXT",
        "-D", "security.kafka.login.sasl.mechanism=SCRAM-SHA-512",
        "-D", "security.kafka.login.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
            + " required username=\"" + SecureHdfs.USER + "\" password=\"alice-secret\";",
        "-c", "io.nagare.examples.kafka.KafkaCopy", KafkaYarnIT.kafkaExamplesJar().toString(),
        "--bootstrap-servers", broker.saslBootstrapServers(), "--security-protocol", "SASL_PLAINTEXT",
        "--input", "token-in", "--output", "token-out", "--parallelism", "2", "--checkpoint-interval", "500",
        "--bounded", "--transactional-id-prefix", "token", "--job-name", "kafka with a token");
    EdgeNode.assertOk(ran, "nagare run -t yarn-per-job");
    String jobId = ClusterJobsIT.submittedId(ran);
    assertThat(ran.stderr()).contains("Job 'kafka with a token' (" + jobId + ") finished in");
    assertThat(broker.readCommitted("token-out")).containsExactlyInAnyOrderElementsOf(values);
  }
}
