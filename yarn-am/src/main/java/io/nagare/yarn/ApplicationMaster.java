package io.nagare.yarn;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.HistoryServerOptions;
import io.nagare.api.configuration.YarnOptions;
import io.nagare.cluster.ClusterEntrypoint;
import io.nagare.cluster.JobManager;
import io.nagare.cluster.JobStore;
import io.nagare.fs.HadoopFileSystems;
import io.nagare.network.ClusterSecret;
import io.nagare.rest.RestAccess;
import io.nagare.yarn.security.ApplicationMasterKerberos;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.webapp.util.WebAppUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ApplicationMaster of nagare on YARN, for a session or for one job: runs the job manager on its container's
 * host, registers with the ResourceManager with the job manager's REST endpoint as the tracking
 * URL, gets task managers as containers through a {@link YarnResourceDriver} (starting with {@code
 * yarn.taskmanager.initial} of them), and when the session is stopped (through REST) or
 * must fail, unregisters with a truthful final status and deletes the application's staging
 * directory. Submitted jobs are kept in the staging directory ({@link JobStore}); a later
 * attempt of the ApplicationMaster (after the previous one died) resumes each from its latest
 * completed checkpoint and releases the previous attempt's containers. A per-job application (a
 * staged job graph in its working directory) submits that job and ends when it ends, SUCCEEDED,
 * FAILED with the root cause, or KILLED.
 *
 * <p>Its configuration is the staged {@code nagare-conf.yaml} in its working directory; its Hadoop
 * configuration comes from the cluster ({@code yarn.application.classpath}); the cluster secret
 * from its container's credentials. On a secure cluster with a keytab shipped, {@link
 * ApplicationMasterKerberos} keeps the delegation tokens of the application's file systems fresh and
 * the job manager pushes them to the task managers.
 */
public final class ApplicationMaster {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationMaster.class);

  private ApplicationMaster() {}

  /**
   * The ResourceManager's web proxy, from the YARN configuration as Hadoop's AmIpFilter finds it:
   * its hosts, which alone are answered without the cluster secret ({@code web.proxy-only}), and
   * this application's URL through it, where other browsers are redirected.
   */
  private static RestAccess.Proxy webProxy(YarnConfiguration hadoop) throws java.io.IOException {
    Set<InetAddress> allowed = new HashSet<>();
    for (String hostAndPort : WebAppUtils.getProxyHostsAndPortsForAmFilter(hadoop)) {
      allowed.addAll(List.of(InetAddress.getAllByName(hostAndPort.substring(0, hostAndPort.lastIndexOf(':')))));
    }
    String app = ContainerId.fromString(System.getenv(ApplicationConstants.Environment.CONTAINER_ID.name()))
        .getApplicationAttemptId().getApplicationId().toString();
    return new RestAccess.Proxy(allowed, "http://" + WebAppUtils.getProxyHostAndPort(hadoop) + "/proxy/" + app);
  }

  /** Where the job manager keeps its jobs for the next attempt, under the staging directory. */
  private static final String JOBS_DIR = "jobs";
  /** Where jobs that name no checkpoint directory checkpoint, on the cluster's default file system. */
  static final String DEFAULT_CHECKPOINTS_DIR = "/nagare/checkpoints";
  /** Where ended jobs are archived for the history server unless jobmanager.archive.fs.dir says otherwise. */
  static final String DEFAULT_ARCHIVE_DIR = "/nagare/completed-jobs";

  /**
   * A per-job application's job: when it ends, completes
   * {@code status} with the application's final status (FINISHED: SUCCEEDED, FAILED: FAILED,
   * CANCELED: KILLED) and {@code diagnostics} with what happened.
   */
  private static void followTheJob(JobManager jobManager, String jobId, CompletableFuture<FinalApplicationStatus> status,
      CompletableFuture<String> diagnostics) {
    jobManager.jobEnded(jobId).whenComplete((job, error) -> {
      if (error != null) {
        status.complete(FinalApplicationStatus.FAILED);
        diagnostics.complete("Job " + jobId + " could not be followed: " + error);
        return;
      }
      switch (job.state()) {
        case "FINISHED" -> status.complete(FinalApplicationStatus.SUCCEEDED);
        case "CANCELED" -> status.complete(FinalApplicationStatus.KILLED);
        default -> status.complete(FinalApplicationStatus.FAILED);
      }
      diagnostics.complete("Job '" + job.name() + "' (" + job.id() + ") " + job.state()
          + (job.rootException() == null ? "" : ": " + job.rootException()));
    });
  }

  /**
   * Where the ResourceManager links once the application ended: the history server's page of the
   * job (per-job) or its job list (session) when {@code historyserver.web.address} is set, else none.
   */
  static String finalTrackingUrl(Configuration conf, String jobId) {
    String address = conf.get(HistoryServerOptions.WEB_ADDRESS).trim();
    if (address.isEmpty()) {
      return null;
    }
    return "http://" + address + ":" + conf.get(HistoryServerOptions.WEB_PORT).trim() + "/"
        + (jobId == null ? "" : "#/jobs/" + jobId);
  }

  public static void main(String[] args) {
    int code;
    try {
      code = run();
    } catch (Exception e) {
      LOG.error("The ApplicationMaster failed", e);
      code = 1;
    }
    System.exit(code);
  }

  private static int run() throws Exception {
    Configuration conf = ClusterEntrypoint.configuration(new String[0], 0);
    String host = System.getenv(ApplicationConstants.Environment.NM_HOST.name());
    conf.set(ClusterOptions.JOB_MANAGER_ADDRESS, host).set(ClusterOptions.REST_ADDRESS, host);
    if (!conf.contains(ClusterOptions.JOB_MANAGER_PORT)) {
      conf.set(ClusterOptions.JOB_MANAGER_PORT, "0");
    }
    if (!conf.contains(ClusterOptions.REST_PORT)) {
      conf.set(ClusterOptions.REST_PORT, "0");
    }
    ClusterSecret secret = ClusterEntrypoint.secret(conf);
    String stagingDir = System.getenv(Containers.STAGING_DIR_ENV);
    YarnConfiguration hadoop = new YarnConfiguration(HadoopFileSystems.configuration());
    if (!conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, FileSystem.get(hadoop)
          .makeQualified(new Path(DEFAULT_CHECKPOINTS_DIR)).toString());
    }
    if (conf.get(HistoryServerOptions.JOB_MANAGER_ARCHIVE_DIRECTORY).isBlank()) {
      conf.set(HistoryServerOptions.JOB_MANAGER_ARCHIVE_DIRECTORY, FileSystem.get(hadoop)
          .makeQualified(new Path(DEFAULT_ARCHIVE_DIR)).toString());
    }
    YarnResourceDriver driver = new YarnResourceDriver(conf, hadoop, stagingDir, host);
    JobManager jobManager = JobManager.start(conf, secret, driver);
    ApplicationMasterKerberos kerberos = ApplicationMasterKerberos.start(conf, hadoop, stagingDir,
        jobManager::distributeTokens);
    FinalApplicationStatus status = FinalApplicationStatus.SUCCEEDED;
    String diagnostics;
    String perJobId = null;
    try {
      if (conf.get(YarnOptions.WEB_PROXY_ONLY)) {
        jobManager.restrictRest(webProxy(hadoop));
      }
      CompletableFuture<FinalApplicationStatus> jobEnd = new CompletableFuture<>();
      CompletableFuture<String> jobDiagnostics = new CompletableFuture<>();
      List<String> resumed = jobManager.useJobStore(new JobStore(stagingDir + "/" + JOBS_DIR, hadoop)).get();
      if (Files.exists(java.nio.file.Path.of(Containers.JOB_GRAPH_FILE))) {
        String jobId = resumed.isEmpty() ? jobManager.submitJob(
            Files.readAllBytes(java.nio.file.Path.of(Containers.JOB_GRAPH_FILE)),
            Files.readAllBytes(java.nio.file.Path.of(Containers.JOB_JAR_FILE))).get() : resumed.get(0);
        followTheJob(jobManager, jobId, jobEnd, jobDiagnostics);
        perJobId = jobId;
      }
      driver.register(jobManager.controlPort(), io.nagare.security.tls.TlsContexts.restScheme(conf) + "://" + host
          + ":" + jobManager.restPort() + "/");
      jobManager.startWorkers(conf.get(YarnOptions.INITIAL_TASK_MANAGERS));
      jobManager.keepSpareWorkers(conf.get(YarnOptions.SPARE_TASK_MANAGERS));
      jobManager.releaseIdleWorkers(conf.get(YarnOptions.TASK_MANAGER_TIMEOUT),
          conf.get(YarnOptions.INITIAL_TASK_MANAGERS));
      CompletableFuture<Object> end = CompletableFuture.anyOf(jobManager.shutdownRequested(), driver.fatal(),
          jobDiagnostics);
      diagnostics = String.valueOf(end.get());
      if (driver.fatal().isDone()) {
        status = FinalApplicationStatus.FAILED;
      } else if (jobEnd.isDone()) {
        status = jobEnd.get();
      }
    } catch (Exception e) {
      status = FinalApplicationStatus.FAILED;
      diagnostics = "The ApplicationMaster failed: " + e.getMessage();
      LOG.error("The ApplicationMaster failed", e);
    }
    LOG.info("Stopping the session: {} ({})", status, diagnostics);
    try {
      driver.unregister(status, diagnostics, finalTrackingUrl(conf, perJobId));
    } finally {
      kerberos.close();
      jobManager.close();
      Path staging = new Path(stagingDir);
      staging.getFileSystem(hadoop).delete(staging, true);
    }
    return status == FinalApplicationStatus.SUCCEEDED ? 0 : 1;
  }
}
