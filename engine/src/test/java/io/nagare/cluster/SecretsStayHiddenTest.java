package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.ConfigOption;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.network.ClusterSecret;
import io.nagare.testing.CollectSink;
import io.nagare.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets given as settings never show: not in anything logged (at every level) while a cluster
 * starts and runs a job with secret settings of its own, not in REST, not in the configuration's
 * string form, not in a validation error.
 */
class SecretsStayHiddenTest {
  private static final String CLUSTER_SECRET_VALUE = "hunter2-cluster";
  private static final String JOB_SECRET_VALUE = "hunter2-job";

  @TempDir
  Path dir;

  /** Every event logged while it is attached, formatted with its exception's stack. */
  private static final class Capture extends AbstractAppender {
    final List<String> lines = new CopyOnWriteArrayList<>();

    Capture() {
      super("capture", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      StringBuilder line = new StringBuilder(event.getMessage().getFormattedMessage());
      for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
        line.append(" | ").append(t);
      }
      lines.add(line.toString());
    }
  }

  @Test
  void aClusterAndAJobWithSecretSettingsLogAndShowNoSecret() throws Exception {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    LoggerConfig root = context.getConfiguration().getRootLogger();
    Level level = root.getLevel();
    Appender console = root.getAppenders().get("console");
    root.removeAppender("console");
    root.addAppender(console, level, null);
    Capture capture = new Capture();
    capture.start();
    root.addAppender(capture, Level.ALL, null);
    root.setLevel(Level.ALL);
    context.updateLoggers();
    ClusterSecret secret = ClusterSecret.generate();
    Configuration conf = TestCluster.loopback()
        .set(ClusterOptions.SLOT_REQUEST_TIMEOUT, Duration.ofSeconds(30))
        .setString("security.ssl.internal.keystore-password", CLUSTER_SECRET_VALUE)
        .setString("fs.s3a.secret.key", CLUSTER_SECRET_VALUE)
        .setString("security.kerberos.login.keytab", CLUSTER_SECRET_VALUE);
    JobManager jm = JobManager.start(conf, secret, new StandaloneResourceDriver());
    TaskManager tm = null;
    try {
      conf.set(ClusterOptions.JOB_MANAGER_PORT, String.valueOf(jm.controlPort()));
      tm = TaskManager.start(new Configuration().addAll(conf), secret);
      tm.registered().get(10, TimeUnit.SECONDS);
      Path jar = dir.resolve("job.jar");
      new JarOutputStream(Files.newOutputStream(jar)).close();
      Configuration jobConf = new Configuration().setString("properties.sasl.jaas.config", JOB_SECRET_VALUE)
          .setString("connector.jdbc.password", JOB_SECRET_VALUE);
      Configuration clientConf = new Configuration().set(ClusterOptions.SECRET_FILE,
          io.nagare.testing.SecretFiles.write(secret, dir).toString());
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1",
          jm.restPort(), clientConf, jar.toString()).configure(jobConf);
      CollectSink<Long> sink = new CollectSink<>();
      env.fromSequence(1, 3).addSink(sink);
      String jobId = env.execute("with secrets").getJobId();
      assertThat(sink.values()).containsExactlyInAnyOrder(1L, 2L, 3L);

      RestClusterClient client = new RestClusterClient("127.0.0.1", jm.restPort());
      String jmConfig = client.get("/jobmanager/config").toString();
      JsonNode jobConfig = client.get("/jobs/" + jobId + "/config").get("execution-config").get("user-config");
      assertThat(jmConfig).contains("\"key\":\"fs.s3a.secret.key\",\"value\":\"******\"")
          .doesNotContain(CLUSTER_SECRET_VALUE);
      assertThat(jobConfig.get("connector.jdbc.password").asText()).isEqualTo("******");
      assertThat(jobConfig.get("properties.sasl.jaas.config").asText()).isEqualTo("******");
    } finally {
      if (tm != null) {
        tm.close();
      }
      jm.close();
      root.removeAppender("capture");
      root.removeAppender("console");
      root.addAppender(console, null, null);
      root.setLevel(level);
      context.updateLoggers();
    }
    assertThat(capture.lines).as("the capture saw the cluster at work")
        .anySatisfy(line -> assertThat(line).contains("registered with job manager"));
    assertThat(capture.lines).noneSatisfy(line -> assertThat(line).containsAnyOf(CLUSTER_SECRET_VALUE,
        JOB_SECRET_VALUE));
    assertThat(conf.toString()).contains("fs.s3a.secret.key=******").doesNotContain(CLUSTER_SECRET_VALUE);
  }

  @Test
  void aBadValueOfASensitiveKeyIsNotEchoed() {
    ConfigOption<Integer> option = ConfigOption.key("db.password").intType().noDefaultValue();
    assertThatThrownBy(() -> Configuration.convert(option, "hunter2"))
        .hasMessage("Invalid value ****** for configuration key 'db.password' (Integer): the value is secret and"
            + " not shown")
        .hasNoCause();
    ConfigOption<Integer> plain = ConfigOption.key("db.port").intType().noDefaultValue();
    assertThatThrownBy(() -> Configuration.convert(plain, "x1"))
        .hasMessageStartingWith("Invalid value 'x1' for configuration key 'db.port' (Integer)");
  }
}
