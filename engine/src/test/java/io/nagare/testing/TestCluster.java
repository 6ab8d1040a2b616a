package io.nagare.testing;

import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.cluster.JobManager;
import io.nagare.cluster.RestClusterClient;
import io.nagare.cluster.StandaloneResourceDriver;
import io.nagare.cluster.TaskManager;
import io.nagare.network.ClusterSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;

/**
 * A standalone job manager and its task managers in this JVM on the loopback interface, over real
 * sockets, for tests: started from {@link #loopback()} settings plus the test's own, with clients
 * that present the cluster secret. Closing it closes every task manager, then the job manager.
 * Used from the test's thread.
 */
public final class TestCluster implements AutoCloseable {
  private final ClusterSecret secret;
  private final JobManager jobManager;
  private final Configuration conf;
  private final List<TaskManager> taskManagers = new ArrayList<>();

  private TestCluster(ClusterSecret secret, JobManager jobManager, Configuration conf) {
    this.secret = secret;
    this.jobManager = jobManager;
    this.conf = conf;
  }

  /** The job manager's control and REST endpoints and the task managers' host on 127.0.0.1, ports chosen freely. */
  public static Configuration loopback() {
    return new Configuration()
        .set(ClusterOptions.JOB_MANAGER_ADDRESS, "127.0.0.1").set(ClusterOptions.JOB_MANAGER_PORT, "0")
        .set(ClusterOptions.REST_ADDRESS, "127.0.0.1").set(ClusterOptions.REST_PORT, "0")
        .set(ClusterOptions.TASK_MANAGER_HOST, "127.0.0.1");
  }

  /** Starts a job manager with {@code settings} (on top of {@link #loopback()}) and a new secret. */
  public static TestCluster start(Configuration settings) throws Exception {
    return start(settings, ClusterSecret.generate());
  }

  /** Starts a job manager with {@code settings} (on top of {@link #loopback()}) and {@code secret}. */
  public static TestCluster start(Configuration settings, ClusterSecret secret) throws Exception {
    Configuration conf = loopback().addAll(settings);
    JobManager jm = JobManager.start(conf, secret, new StandaloneResourceDriver());
    return new TestCluster(secret, jm, new Configuration().addAll(conf)
        .set(ClusterOptions.JOB_MANAGER_PORT, String.valueOf(jm.controlPort())));
  }

  /** Starts a task manager with {@code slots} slots and the cluster's settings, and waits until it has registered. */
  public TaskManager addTaskManager(int slots) throws Exception {
    TaskManager tm = TaskManager.start(new Configuration().addAll(conf).set(ClusterOptions.TASK_SLOTS, slots), secret);
    taskManagers.add(tm);
    tm.registered().get(10, TimeUnit.SECONDS);
    return tm;
  }

  public JobManager jobManager() {
    return jobManager;
  }

  public ClusterSecret secret() {
    return secret;
  }

  /** The cluster's settings, with the job manager's control port. */
  public Configuration configuration() {
    return conf;
  }

  /** The task managers started so far, in order (closed ones included). */
  public List<TaskManager> taskManagers() {
    return taskManagers;
  }

  /** A client's settings: {@code cluster.secret-file} naming the secret, written into {@code dir}. */
  public Configuration clientConfiguration(Path dir) throws IOException {
    return new Configuration().set(ClusterOptions.SECRET_FILE, SecretFiles.write(secret, dir).toString());
  }

  /**
   * A remote environment submitting to this cluster with its secret and an empty jar in {@code
   * dir} (the job's classes are on the test's class path, which task managers load parent-first).
   */
  public StreamExecutionEnvironment remoteEnvironment(Path dir) throws IOException {
    return StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1", jobManager.restPort(),
        clientConfiguration(dir), emptyJar(dir).toString());
  }

  /** A REST client of this cluster presenting its secret. */
  public RestClusterClient client() {
    return new RestClusterClient("127.0.0.1", jobManager.restPort(), secret);
  }

  /** An empty jar {@code dir/job.jar}, created if missing. */
  public static Path emptyJar(Path dir) {
    Path jar = dir.resolve("job.jar");
    if (!Files.exists(jar)) {
      try {
        new JarOutputStream(Files.newOutputStream(jar)).close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + jar, e);
      }
    }
    return jar;
  }

  @Override
  public void close() {
    for (TaskManager tm : taskManagers) {
      tm.close();
    }
    jobManager.close();
  }
}
