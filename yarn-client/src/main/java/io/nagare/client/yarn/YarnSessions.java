package io.nagare.client.yarn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.configuration.YarnOptions;
import io.nagare.client.yarn.security.ClientKerberos;
import io.nagare.cluster.RestClusterClient;
import io.nagare.network.ClusterSecret;
import io.nagare.plan.JobGraph;
import io.nagare.plan.UserCodeSerialization;
import io.nagare.security.tls.TlsContexts;
import io.nagare.yarn.Containers;
import io.nagare.yarn.ProcessMemory;
import io.nagare.yarn.security.ServiceTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.QueueInfo;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Deploys, finds and stops nagare sessions on YARN. Deploying checks everything before anything
 * is written (memory and vcores against the cluster's largest container, the queue, the
 * configuration), stages nagare's jars, the effective configuration and the logging
 * configuration under {@code <staging>/.nagare/<appId>/}, submits the ApplicationMaster with the
 * cluster secret in its container's credentials (and for later clients in the staging directory,
 * {@link StagedSecret}), and waits until the session's REST endpoint answers with the task managers
 * it should start with. A failed deployment removes what it staged. Stopping asks the job manager to
 * stop ({@code POST /cluster/shutdown}, presenting the secret) and removes the staging directory if
 * the ApplicationMaster could not.
 *
 * <p>YARN reports application states only when asked, so waiting for one asks the
 * ResourceManager every 250 ms from a scheduler thread and completes a future. Not thread-safe;
 * one per command.
 */
public final class YarnSessions implements AutoCloseable {
  private static final long REPORT_INTERVAL_MILLIS = 250;
  /** The states of an application that has ended. */
  static final Set<YarnApplicationState> ENDED = EnumSet.of(YarnApplicationState.FINISHED,
      YarnApplicationState.FAILED, YarnApplicationState.KILLED);

  /** A client gives up on an unreachable ResourceManager after this long (YARN's default is 15 minutes). */
  private static final long RM_CONNECT_MAX_WAIT_MILLIS = 30_000;
  /**
   * Settings of a standalone cluster's hosts and ports that do not apply in containers: there the
   * job manager and task managers bind to their containers' hosts and to free ports, and the
   * secret travels in credentials.
   */
  private static final Set<String> HOST_SETTINGS = Set.of(ClusterOptions.JOB_MANAGER_ADDRESS.key(),
      ClusterOptions.JOB_MANAGER_PORT.key(), ClusterOptions.REST_ADDRESS.key(), ClusterOptions.REST_PORT.key(),
      ClusterOptions.TASK_MANAGER_HOST.key(), ClusterOptions.SECRET_FILE.key(),
      ClusterOptions.SECRET_CREDENTIALS.key(), CoreOptions.EXECUTION_TARGET.key(),
      CoreOptions.PIPELINE_JARS.key(), YarnOptions.APPLICATION_ID.key());

  /**
   * A running session: its application, its job manager's REST endpoint, its tracking URL (the
   * ResourceManager's proxy), its cluster secret and the file in the staging directory it was read
   * from ({@link StagedSecret}), and the client's settings (how to reach REST: https and the
   * truststore with {@code security.ssl.rest.enabled}).
   */
  public record Session(ApplicationId applicationId, String restHost, int restPort, String trackingUrl,
      ClusterSecret secret, Path secretFile, Configuration clientConf) {
    /** A client of the session's job manager, directly, presenting the secret. */
    public RestClusterClient client() {
      return RestClusterClient.of(clientConf, restUrl(), secret);
    }

    /** The job manager's REST endpoint, {@code http(s)://host:port}. */
    public String restUrl() {
      return TlsContexts.restScheme(clientConf) + "://" + restHost + ":" + restPort;
    }
  }

  private final Configuration conf;
  private final YarnConfiguration hadoop;
  private final java.nio.file.Path home;
  private final java.nio.file.Path confDir;
  private final PrintStream progress;
  private final YarnClient yarn = YarnClient.createYarnClient();
  private final ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "nagare-yarn-reports");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param home the nagare installation, whose {@code yarn-am/target} holds what containers run
   * @param confDir where {@code log4j2-cluster.properties} is (null: the installation's conf)
   * @param progress where progress lines go
   */
  public YarnSessions(Configuration conf, YarnConfiguration hadoop, java.nio.file.Path home, java.nio.file.Path confDir,
      PrintStream progress) {
    this.conf = conf;
    this.hadoop = hadoop;
    this.home = home;
    this.confDir = confDir;
    this.progress = progress;
    if (hadoop.get(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS) == null
        || hadoop.getLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, 0) > RM_CONNECT_MAX_WAIT_MILLIS) {
      hadoop.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, RM_CONNECT_MAX_WAIT_MILLIS);
      hadoop.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_RETRY_INTERVAL_MS, 1000);
    }
    try {
      ClientKerberos.login(conf, hadoop);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot log in to Kerberos: " + e.getMessage(), e);
    }
    yarn.init(hadoop);
    yarn.start();
  }

  /**
   * Deploys a session and returns once its job manager answers with {@code yarn.taskmanager.initial}
   * task managers registered.
   *
   * @throws IllegalArgumentException for a request the cluster cannot serve (nothing is staged)
   */
  public Session deploy() throws Exception {
    return deploy(null, null);
  }

  /**
   * Deploys a per-job application for {@code job} (its plan and jar staged with the rest), or a
   * session if {@code job} is null; returns once the ApplicationMaster runs.
   */
  public Session deploy(JobGraph job, byte[] jar) throws Exception {
    cleanUpEnded();
    AutomaticTls tls = AutomaticTls.of(conf);
    ProcessMemory jobManager = ProcessMemory.of(conf.get(YarnOptions.JOB_MANAGER_MEMORY).getBytes() >> 20,
        Containers.AM_METASPACE_MB, YarnOptions.JOB_MANAGER_MEMORY.key());
    ProcessMemory taskManager = ProcessMemory.forTaskManager(conf.get(YarnOptions.TASK_MANAGER_MEMORY).getBytes() >> 20,
        conf, YarnOptions.TASK_MANAGER_MEMORY.key());
    YarnClientApplication app = yarn.createApplication();
    Resource max = app.getNewApplicationResponse().getMaximumResourceCapability();
    check(jobManager.processMb() <= max.getMemorySize(), YarnOptions.JOB_MANAGER_MEMORY.key() + " of "
        + jobManager.processMb() + " MB exceeds the largest container this YARN cluster grants ("
        + max.getMemorySize() + " MB, yarn.scheduler.maximum-allocation-mb)");
    check(taskManager.processMb() <= max.getMemorySize(), YarnOptions.TASK_MANAGER_MEMORY.key() + " of "
        + taskManager.processMb() + " MB exceeds the largest container this YARN cluster grants ("
        + max.getMemorySize() + " MB, yarn.scheduler.maximum-allocation-mb)");
    int vcores = conf.get(YarnOptions.CONTAINER_VCORES);
    check(vcores >= 1 && vcores <= max.getVirtualCores(), YarnOptions.CONTAINER_VCORES.key() + " of " + vcores
        + " is not between 1 and the largest this YARN cluster grants (" + max.getVirtualCores() + ")");
    String queue = conf.get(YarnOptions.APPLICATION_QUEUE);
    QueueInfo queueInfo = yarn.getQueueInfo(queue);
    if (queueInfo == null) {
      List<String> queues = new ArrayList<>();
      yarn.getAllQueues().forEach(q -> queues.add(q.getQueueName()));
      throw new IllegalArgumentException("The YARN queue '" + queue + "' (" + YarnOptions.APPLICATION_QUEUE.key()
          + ", -qu) does not exist; queues: " + String.join(", ", queues));
    }

    ApplicationId id = app.getNewApplicationResponse().getApplicationId();
    Path staging = stagingDirectory(id);
    ClusterSecret secret = ClusterSecret.generate();
    Path secretFile;
    try {
      stage(staging, tls);
      if (tls != null) {
        tls.stage(staging.getFileSystem(hadoop), staging, id);
      }
      if (job != null) {
        FileSystem fs = staging.getFileSystem(hadoop);
        try (OutputStream out = fs.create(new Path(staging, Containers.JOB_GRAPH_FILE))) {
          out.write(UserCodeSerialization.serialize(job, "the job graph", job.jobName()));
        }
        try (OutputStream out = fs.create(new Path(staging, Containers.JOB_JAR_FILE))) {
          out.write(jar);
        }
      }
      Map<String, LocalResource> resources = Containers.localResources(hadoop, Containers.resourceDirs(
          staging.toString(), conf.get(YarnOptions.PROVIDED_LIB_DIRS)));
      resources.putAll(Containers.privateResources(hadoop, staging.toString()));
      ClientKerberos.shipKeytab(conf, hadoop, staging, resources);
      ContainerLaunchContext am = ContainerLaunchContext.newInstance(resources,
          Containers.environment(hadoop, staging.toString()),
          Containers.command(jobManager, "io.nagare.yarn.ApplicationMaster", List.of(), "jobmanager"), null,
          Containers.tokens(credentials(secret, tls, staging)), null);
      secretFile = StagedSecret.write(secret, staging, hadoop);
      ApplicationSubmissionContext context = app.getApplicationSubmissionContext();
      context.setApplicationName(conf.get(YarnOptions.APPLICATION_NAME));
      context.setApplicationType(conf.get(YarnOptions.APPLICATION_TYPE));
      context.setQueue(queue);
      context.setResource(Resource.newInstance(jobManager.processMb(), 1));
      context.setAMContainerSpec(am);
      context.setMaxAppAttempts(conf.get(YarnOptions.APPLICATION_ATTEMPTS));
      context.setAttemptFailuresValidityInterval(conf.get(YarnOptions.ATTEMPT_FAILURES_VALIDITY_INTERVAL).toMillis());
      context.setKeepContainersAcrossApplicationAttempts(true);
      yarn.submitApplication(context);
    } catch (Exception | Error e) {
      staging.getFileSystem(hadoop).delete(staging, true);
      throw e;
    }
    progress.println("Submitted application " + id + " to queue " + queue);
    ApplicationReport report = await(id, EnumSet.of(YarnApplicationState.RUNNING));
    if (report.getYarnApplicationState() != YarnApplicationState.RUNNING) {
      cleanUp(id);
      throw new IllegalStateException("Application " + id + " ended " + report.getYarnApplicationState()
          + " before it ran: " + report.getDiagnostics());
    }
    Session session = sessionOf(report, secret, secretFile);
    progress.println("ApplicationMaster started on " + session.restHost() + "; tracking URL "
        + report.getTrackingUrl());
    if (job != null) {
      progress.println("Job application " + id + " is RUNNING; REST " + session.restUrl());
      return session;
    }
    int initial = conf.get(YarnOptions.INITIAL_TASK_MANAGERS);
    session.client().awaitTaskManagers(initial, 120_000);
    progress.println("TaskManagers " + initial + "/" + initial);
    progress.println("Session " + id + " is RUNNING; REST " + session.restUrl());
    return session;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** {@code <yarn.staging-directory or the user's home>/.nagare/<appId>}, fully qualified. */
  public Path stagingDirectory(ApplicationId id) throws IOException {
    String base = conf.get(YarnOptions.STAGING_DIRECTORY);
    FileSystem fs = base.isEmpty() ? FileSystem.get(hadoop) : new Path(base).getFileSystem(hadoop);
    Path root = base.isEmpty() ? fs.getHomeDirectory() : new Path(base);
    return fs.makeQualified(new Path(root, ".nagare/" + id));
  }

  private void stage(Path staging, AutomaticTls tls) throws IOException {
    FileSystem fs = staging.getFileSystem(hadoop);
    fs.mkdirs(staging);
    String provided = conf.get(YarnOptions.PROVIDED_LIB_DIRS);
    if (provided.isEmpty()) {
      java.nio.file.Path dist = home.resolve("yarn-am/target");
      List<java.nio.file.Path> jars = new ArrayList<>();
      try (var files = Files.list(dist)) {
        files.filter(f -> f.getFileName().toString().matches("nagare-yarn-am-.*\\.jar")
            && !f.getFileName().toString().endsWith("-tests.jar")).forEach(jars::add);
      }
      if (jars.isEmpty() || !Files.isDirectory(dist.resolve("lib"))) {
        throw new IOException("No ApplicationMaster jar and lib/ in " + dist + ": build nagare first (mvn package)");
      }
      try (var files = Files.list(dist.resolve("lib"))) {
        files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
      }
      for (java.nio.file.Path jar : jars) {
        fs.copyFromLocalFile(new Path(jar.toUri()), new Path(staging, jar.getFileName().toString()));
      }
    } else {
      for (Path dir : Containers.providedLibDirs(conf.get(YarnOptions.PROVIDED_LIB_DIRS))) {
        if (!dir.getFileSystem(hadoop).exists(dir)) {
          throw new IOException("The provided lib directory " + dir + " (" + YarnOptions.PROVIDED_LIB_DIRS.key()
              + ") does not exist");
        }
      }
    }
    Map<String, String> settings = new TreeMap<>(conf.toMap());
    settings.keySet().removeAll(HOST_SETTINGS);
    if (tls != null) {
      tls.configure(settings);
    }
    try (OutputStream out = fs.create(new Path(staging, Containers.CONF_FILE))) {
      out.write(new ObjectMapper(new YAMLFactory()).writeValueAsBytes(settings));
    }
    java.nio.file.Path logConf = (confDir != null ? confDir : home.resolve("conf")).resolve(Containers.LOG_CONF_FILE);
    if (!Files.exists(logConf)) {
      logConf = home.resolve("conf").resolve(Containers.LOG_CONF_FILE);
    }
    fs.copyFromLocalFile(new Path(logConf.toUri()), new Path(staging, Containers.LOG_CONF_FILE));
    for (String file : conf.get(YarnOptions.SHIP_FILES).split(",")) {
      if (!file.isBlank()) {
        java.nio.file.Path local = java.nio.file.Path.of(file.trim());
        if (!Files.isReadable(local)) {
          throw new IOException("Cannot ship " + local + " (" + YarnOptions.SHIP_FILES.key() + ", -t): not readable");
        }
        fs.copyFromLocalFile(new Path(local.toAbsolutePath().toUri()), new Path(staging,
            local.getFileName().toString()));
      }
    }
  }

  /**
   * The ApplicationMaster's credentials: the cluster secret, the keystore password of automatic
   * internal TLS, file system tokens on a secure cluster, and the tokens of the services whose
   * providers the configuration enables (found on the classpath of the thread's class loader, which
   * is the job jar's while a job's main runs).
   */
  private Credentials credentials(ClusterSecret secret, AutomaticTls tls, Path staging) throws IOException {
    Credentials credentials = new Credentials();
    credentials.addSecretKey(Containers.SECRET_ALIAS, secret.encoded().getBytes(StandardCharsets.US_ASCII));
    if (tls != null) {
      tls.addTo(credentials);
    }
    ClientKerberos.addDelegationTokens(conf, hadoop, staging, credentials);
    ServiceTokens.obtain(ServiceTokens.enabled(conf, Thread.currentThread().getContextClassLoader()), conf,
        credentials);
    return credentials;
  }

  /**
   * The session {@code yarn.application.id} names, else the one this user deployed last.
   *
   * @throws IllegalArgumentException if neither names a session
   */
  public Session find() throws Exception {
    cleanUpEnded();
    String id = conf.get(YarnOptions.APPLICATION_ID).trim();
    ApplicationId app = id.isEmpty() ? YarnSessionCli.SessionProperties.read() : ApplicationId.fromString(id);
    if (app == null) {
      throw new IllegalArgumentException("No YARN session to use: pass -D " + YarnOptions.APPLICATION_ID.key()
          + "=<appId>, or start one with scripts/yarn-session.sh");
    }
    return find(app);
  }

  /** The session {@code id} runs, found through its report. */
  public Session find(ApplicationId id) throws Exception {
    ApplicationReport report = yarn.getApplicationReport(id);
    if (report.getYarnApplicationState() != YarnApplicationState.RUNNING) {
      throw new IllegalStateException("Application " + id + " is " + report.getYarnApplicationState()
          + ", not a running session");
    }
    return sessionOf(report);
  }

  /** The session of a running application's report, with its secret read from the staging directory. */
  private Session sessionOf(ApplicationReport report) throws IOException {
    Path staging = stagingDirectory(report.getApplicationId());
    return sessionOf(report, StagedSecret.read(staging, hadoop), staging.getFileSystem(hadoop)
        .makeQualified(new Path(staging, StagedSecret.FILE)));
  }

  private Session sessionOf(ApplicationReport report, ClusterSecret secret, Path secretFile) {
    URI url = URI.create(report.getOriginalTrackingUrl().contains("://") ? report.getOriginalTrackingUrl()
        : "http://" + report.getOriginalTrackingUrl());
    return new Session(report.getApplicationId(), url.getHost(), url.getPort(), report.getTrackingUrl(), secret,
        secretFile, conf);
  }

  /**
   * Stops the session (its job manager, asked with the secret) and waits until YARN reports its
   * application ended; removes what it staged.
   */
  public ApplicationReport stop(Session session) throws Exception {
    session.client().shutDownCluster();
    ApplicationReport report = await(session.applicationId(), ENDED);
    cleanUp(session.applicationId());
    return report;
  }

  /**
   * Removes the staging directories of this user's applications that have ended (killed with
   * {@code yarn application -kill}, say, so their ApplicationMaster could not) or that YARN no
   * longer knows.
   */
  public void cleanUpEnded() throws IOException {
    Path root = stagingDirectory(ApplicationId.newInstance(0, 0)).getParent();
    FileSystem fs = root.getFileSystem(hadoop);
    if (!fs.exists(root)) {
      return;
    }
    for (var dir : fs.listStatus(root)) {
      String name = dir.getPath().getName();
      if (!dir.isDirectory() || !name.startsWith("application_")) {
        continue;
      }
      boolean ended;
      try {
        ended = ENDED.contains(yarn.getApplicationReport(ApplicationId.fromString(name)).getYarnApplicationState());
      } catch (org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException e) {
        ended = true;
      } catch (org.apache.hadoop.yarn.exceptions.YarnException e) {
        throw new IOException("Cannot ask YARN about " + name + ": " + e.getMessage(), e);
      }
      if (ended) {
        fs.delete(dir.getPath(), true);
        progress.println("Removed the staging directory of ended application " + name);
      }
    }
  }

  /** Removes the staging directory of an ended application, if its ApplicationMaster could not. */
  public void cleanUp(ApplicationId id) throws IOException {
    Path staging = stagingDirectory(id);
    staging.getFileSystem(hadoop).delete(staging, true);
  }

  /**
   * Waits until the application reaches one of {@code states} or ends, printing each state it
   * passes; returns the last report.
   */
  public ApplicationReport await(ApplicationId id, Set<YarnApplicationState> states) throws Exception {
    ApplicationReport[] last = {null};
    return awaitReport(id, report -> {
      progressLines(last[0], report).forEach(progress::println);
      last[0] = report;
      return states.contains(report.getYarnApplicationState()) || ENDED.contains(report.getYarnApplicationState());
    });
  }

  /**
   * Asks YARN for the application's report every {@value #REPORT_INTERVAL_MILLIS} ms, on the
   * reports thread, until {@code until} accepts one; returns that one.
   */
  private ApplicationReport awaitReport(ApplicationId id, java.util.function.Predicate<ApplicationReport> until)
      throws Exception {
    CompletableFuture<ApplicationReport> reached = new CompletableFuture<>();
    var task = reports.scheduleWithFixedDelay(() -> {
      try {
        ApplicationReport report = yarn.getApplicationReport(id);
        if (until.test(report)) {
          reached.complete(report);
        }
      } catch (Exception e) {
        reached.completeExceptionally(e);
      }
    }, 0, REPORT_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    try {
      return reached.get();
    } finally {
      task.cancel(false);
    }
  }

  /**
   * What a waiting client prints when a report differs from the one before ({@code previous}, null
   * at first): the application's new state, and what YARN says while it waits to run (such as a
   * queue's ApplicationMaster resource limit keeping it ACCEPTED), so a stuck start shows its cause.
   */
  static List<String> progressLines(ApplicationReport previous, ApplicationReport report) {
    List<String> lines = new ArrayList<>();
    YarnApplicationState state = report.getYarnApplicationState();
    if (previous == null || previous.getYarnApplicationState() != state) {
      lines.add("Application " + report.getApplicationId() + " is " + state);
    }
    String diagnostics = report.getDiagnostics() == null ? "" : report.getDiagnostics().strip();
    String before = previous == null || previous.getDiagnostics() == null ? "" : previous.getDiagnostics().strip();
    if (!diagnostics.isEmpty() && !diagnostics.equals(before)
        && EnumSet.of(YarnApplicationState.NEW, YarnApplicationState.NEW_SAVING, YarnApplicationState.SUBMITTED,
            YarnApplicationState.ACCEPTED).contains(state)) {
      lines.add("  YARN: " + diagnostics);
    }
    return lines;
  }

  /**
   * Waits until attempt {@code attempt} (or a later one) of the application runs, as after an
   * ApplicationMaster failed; returns its session.
   */
  public Session awaitAttempt(ApplicationId id, int attempt) throws Exception {
    ApplicationReport report = awaitReport(id, r -> ENDED.contains(r.getYarnApplicationState())
        || r.getCurrentApplicationAttemptId() != null && r.getCurrentApplicationAttemptId().getAttemptId() >= attempt
        && r.getYarnApplicationState() == YarnApplicationState.RUNNING
        && r.getOriginalTrackingUrl() != null && r.getOriginalTrackingUrl().contains(":"));
    if (ENDED.contains(report.getYarnApplicationState())) {
      throw new IllegalStateException("Application " + id + " ended " + report.getYarnApplicationState() + ": "
          + report.getDiagnostics());
    }
    return sessionOf(report);
  }

  /** The YARN client, for commands that need more. */
  public YarnClient yarn() {
    return yarn;
  }

  @Override
  public void close() {
    reports.shutdownNow();
    yarn.stop();
  }
}
