package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.api.common.LongCounter;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.MapFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.RichSinkFunction;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.cluster.ClusterEntrypoint;
import io.nagare.cluster.JobManager;
import io.nagare.cluster.RestClusterClient;
import io.nagare.cluster.StandaloneResourceDriver;
import io.nagare.fs.HadoopCredentials;
import io.nagare.network.ClusterSecret;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobGraphBuilder;
import io.nagare.api.environment.Pipeline;
import io.nagare.plan.StreamGraphBuilder;
import io.nagare.yarn.security.DelegationTokenManager;
import io.nagare.yarn.security.DelegationTokens;
import io.nagare.yarn.security.KeytabTokenSource;
import io.nagare.yarn.security.TokenRenewalSchedule;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job checkpointing to a kerberized HDFS (tokens live 3 s, 6 s at most) runs well past the
 * maximum token lifetime. Its task manager is a process of its own with no Kerberos ticket: it starts
 * with the first delegation tokens in its token file, as a YARN container does, and then holds only
 * what the job manager pushes over the control connection (message {@code tokens}); the job
 * manager, in the test JVM as in the ApplicationMaster, gets them from a {@link
 * DelegationTokenManager} logged in from the user's keytab. Its HDFS connections close after 100 ms
 * idle, so it authenticates again and again with the tokens it holds at the time. Checkpoints keep
 * completing after the first tokens expired for good, and the job's output is exact. (Without the
 * pushed tokens, the same job fails at its first HDFS access after the first tokens' expiry: it
 * runs with no restarts allowed, so that ends it.)
 */
class KerberosCheckpointIT {
  private static final int RECORDS = 20_000;
  private static final int KEYS = 10;

  @RegisterExtension
  static final SecureHdfs HDFS = new SecureHdfs();

  @TempDir
  static Path dir;

  /** Slows each subtask to at most one record every 2 ms, so 10,000 records each last at least 20 s. */
  static final class Throttle implements MapFunction<Long, Long> {
    @Override
    public Long map(Long value) throws Exception {
      Thread.sleep(2);
      return value;
    }
  }

  /** Adds up the keys and the counts it gets in accumulators. */
  static final class Totals extends RichSinkFunction<Tuple2<Long, Long>> {
    private transient LongCounter keys;
    private transient LongCounter records;

    @Override
    public void open(OpenContext context) {
      keys = new LongCounter();
      records = new LongCounter();
      getRuntimeContext().addAccumulator("keys", keys);
      getRuntimeContext().addAccumulator("records", records);
    }

    @Override
    public void invoke(Tuple2<Long, Long> value, Context context) {
      keys.add(1L);
      records.add(value.f1);
    }
  }

  @Test
  void aJobKeepsCheckpointingToHdfsPastTheMaximumTokenLifetime() throws Exception {
    Configuration conf = new Configuration();
    conf.setString("jobmanager.rpc.address", "127.0.0.1");
    conf.setString("jobmanager.rpc.port", "0");
    conf.setString("rest.address", "127.0.0.1");
    conf.setString("rest.port", "0");
    conf.setString("taskmanager.numberOfTaskSlots", "4");
    ClusterSecret secret = ClusterSecret.generate();
    org.apache.hadoop.conf.Configuration hadoop = HDFS.conf();
    BlockingQueue<Credentials> renewals = new LinkedBlockingQueue<>();
    ScheduledExecutorService tokenThread = Executors.newSingleThreadScheduledExecutor();
    Process taskManager = null;
    try (JobManager jobManager = JobManager.start(conf, secret, new StandaloneResourceDriver())) {
      new DelegationTokenManager(new KeytabTokenSource(HDFS.userPrincipal(), HDFS.userKeytab().getAbsolutePath(),
          hadoop, DelegationTokens.fileSystems(conf, hadoop, HDFS.hdfsUri() + "/user/alice")), credentials -> {
            jobManager.distributeTokens(HadoopCredentials.serialize(credentials));
            renewals.add(credentials);
          }, new TokenRenewalSchedule(0.5, Duration.ofSeconds(1)),
          (task, delay) -> tokenThread.schedule(task, delay, TimeUnit.MILLISECONDS), System::currentTimeMillis)
          .start();
      Credentials first = renewals.poll(60, TimeUnit.SECONDS);
      assertThat(first).as("the first tokens").isNotNull();
      long firstMaxDate = DelegationTokens.earliestMaxDate(first);

      taskManager = startTaskManager(first, secret, jobManager.controlPort(), hadoop);
      RestClusterClient client = new RestClusterClient("127.0.0.1", jobManager.restPort(), secret);
      client.awaitTaskManagers(1, 120_000);

      String jobId = client.submit(job(HDFS.hdfsUri() + "/user/alice/checkpoints"), emptyJar());
      JsonNode result = client.awaitResult(jobId);
      assertThat(result.path("job").path("state").asText()).as("failures %s; task manager log:\n%s",
          client.get("/jobs/" + jobId + "/exceptions"), Files.readString(dir.resolve("taskmanager.log")))
          .isEqualTo("FINISHED");
      assertThat(result.path("restarts").asInt()).isZero();
      assertThat(result.path("accumulators").path("keys").asLong()).isEqualTo(KEYS);
      assertThat(result.path("accumulators").path("records").asLong()).isEqualTo(RECORDS);

      JsonNode checkpoints = client.get("/jobs/" + jobId + "/checkpoints");
      List<Long> completedAfterExpiry = new ArrayList<>();
      for (JsonNode c : checkpoints.path("history")) {
        if (c.path("status").asText().equals("FAILED")) {
          assertThat(c.path("failure_message").asText()).as("%s", c)
              .isEqualTo("the job stopped running before it completed");
        }
        if (c.path("status").asText().equals("COMPLETED") && c.path("trigger_timestamp").asLong() > firstMaxDate) {
          completedAfterExpiry.add(c.path("id").asLong());
        }
      }
      assertThat(completedAfterExpiry).as("checkpoints completed after the first tokens' maximum date; %s",
          checkpoints).hasSizeGreaterThanOrEqualTo(3);
      assertThat(renewals.size()).as("tokens obtained again after the first").isGreaterThanOrEqualTo(3);
    } finally {
      tokenThread.shutdownNow();
      if (taskManager != null) {
        taskManager.destroy();
        taskManager.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static JobGraph job(String checkpoints) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(200);
    env.getConfiguration().setString("restart-strategy.type", "none");
    env.getCheckpointConfig().setCheckpointStorage(checkpoints);
    env.fromSequence(1, RECORDS).map(new Throttle()).returns(Types.LONG)
        .keyBy(x -> x % KEYS, Types.LONG).process(new HdfsCheckpointIT.Count()).returns(Types.TUPLE(Types.LONG, Types.LONG))
        .addSink(new Totals());
    return JobGraphBuilder.build(StreamGraphBuilder.build(new Pipeline("kerberized", env.getTransformations(),
        env.getConfiguration(), KerberosCheckpointIT.class.getClassLoader())));
  }

  private static byte[] emptyJar() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes)) {
      jar.flush();
    }
    return bytes.toByteArray();
  }

  /**
   * A task manager process with the cluster's Hadoop configuration on its classpath, no Kerberos
   * ticket, and a token file holding {@code tokens} and the cluster secret.
   */
  private static Process startTaskManager(Credentials tokens, ClusterSecret secret, int controlPort,
      org.apache.hadoop.conf.Configuration hadoop) throws Exception {
    Path confDir = Files.createDirectories(dir.resolve("hadoop-conf"));
    org.apache.hadoop.conf.Configuration site = new org.apache.hadoop.conf.Configuration(hadoop);
    site.setInt("ipc.client.connection.maxidletime", 100);
    try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
      site.writeXml(out);
    }
    Credentials file = new Credentials(tokens);
    file.addSecretKey(new Text(ClusterEntrypoint.SECRET_CREDENTIALS_ALIAS),
        secret.encoded().getBytes(StandardCharsets.US_ASCII));
    Path tokenFile = dir.resolve("container_tokens");
    file.writeTokenStorageFile(new org.apache.hadoop.fs.Path(tokenFile.toUri()), hadoop);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx384m", "-Djava.security.krb5.conf=" + HDFS.krb5Conf().getAbsolutePath(),
        "-Dlog4j.configurationFile=" + ScriptRunner.home().resolve("conf/log4j2-cluster.properties")));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-cp", confDir + File.pathSeparator + System.getProperty("java.class.path"),
        "io.nagare.cluster.ClusterEntrypoint", "taskmanager", "-D", "jobmanager.rpc.address=127.0.0.1",
        "-D", "jobmanager.rpc.port=" + controlPort, "-D", "taskmanager.host=127.0.0.1",
        "-D", "taskmanager.numberOfTaskSlots=4"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("taskmanager.log").toFile());
    builder.environment().put("HADOOP_TOKEN_FILE_LOCATION", tokenFile.toString());
    builder.environment().put("KRB5CCNAME", "FILE:" + dir.resolve("no-ticket-cache"));
    return builder.start();
  }
}
