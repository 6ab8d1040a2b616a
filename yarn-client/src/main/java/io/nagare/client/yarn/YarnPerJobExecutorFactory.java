package io.nagare.client.yarn;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.YarnOptions;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.Pipeline;
import io.nagare.api.environment.PipelineExecutor;
import io.nagare.api.environment.PipelineExecutorFactory;
import io.nagare.cluster.RemoteExecutorFactory;
import io.nagare.cluster.RestClusterClient;
import io.nagare.cluster.RestJobClient;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobGraphBuilder;
import io.nagare.plan.StreamGraphBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The {@code yarn-per-job} execution target: each job gets a YARN application of its own, whose
 * ApplicationMaster runs just that job and ends with it — SUCCEEDED when it finishes, FAILED with
 * the root cause in the diagnostics, KILLED when cancelled. The job's jar is {@code pipeline.jars}
 * ({@code nagare run} sets it); the nagare installation is {@code NAGARE_HOME}.
 */
public final class YarnPerJobExecutorFactory implements PipelineExecutorFactory {
  @Override
  public String target() {
    return "yarn-per-job";
  }

  @Override
  public PipelineExecutor create(Configuration configuration) {
    return new Executor(configuration);
  }

  private static final class Executor implements PipelineExecutor {
    private final Configuration conf;

    Executor(Configuration conf) {
      this.conf = conf;
    }

    @Override
    public JobExecutionResult execute(Pipeline pipeline) throws Exception {
      try {
        return executeAsync(pipeline).getJobExecutionResult().get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }

    @Override
    public JobClient executeAsync(Pipeline pipeline) throws Exception {
      byte[] jar = RemoteExecutorFactory.jobJar(conf, "yarn-per-job");
      JobGraph job = JobGraphBuilder.build(StreamGraphBuilder.build(pipeline));
      Configuration appConf = new Configuration(conf);
      if (!conf.contains(YarnOptions.APPLICATION_NAME)) {
        appConf.set(YarnOptions.APPLICATION_NAME, "nagare job " + job.jobName());
      }
      Path home = Path.of(System.getenv().getOrDefault("NAGARE_HOME", "."));
      String confDir = System.getenv("NAGARE_CONF_DIR");
      YarnSessions yarn = new YarnSessions(appConf, new YarnConfiguration(), home, confDir == null ? null
          : Path.of(confDir), new PrintStream(OutputStream.nullOutputStream()));
      YarnSessions.Session session;
      try {
        session = yarn.deploy(job, jar);
      } catch (Exception e) {
        yarn.close();
        throw e;
      }
      return new PerJobClient(job.jobId(), session, yarn);
    }
  }

  /** A per-job application's job, followed through its REST endpoint and, once that is gone, through YARN. */
  private static final class PerJobClient implements JobClient {
    private final String jobId;
    private final YarnSessions.Session session;
    private final YarnSessions yarn;
    private final RestClusterClient rest;
    private final RestJobClient job;

    PerJobClient(String jobId, YarnSessions.Session session, YarnSessions yarn) {
      this.jobId = jobId;
      this.session = session;
      this.yarn = yarn;
      this.rest = session.client();
      this.job = new RestJobClient(rest, jobId);
    }

    @Override
    public String getJobId() {
      return jobId;
    }

    @Override
    public CompletableFuture<String> triggerSavepoint(String directory) {
      return job.triggerSavepoint(directory);
    }

    @Override
    public CompletableFuture<String> stopWithSavepoint(String directory) {
      return job.stopWithSavepoint(directory);
    }

    @Override
    public CompletableFuture<Void> cancel() {
      return job.cancel();
    }

    @Override
    public CompletableFuture<JobExecutionResult> getJobExecutionResult() {
      return CompletableFuture.supplyAsync(() -> {
        try {
          JobExecutionResult result = result();
          endApplication();
          return result;
        } catch (Exception e) {
          try {
            endApplication();
          } catch (Exception cleanUp) {
            e.addSuppressed(cleanUp);
          }
          throw new CompletionException(e);
        } finally {
          yarn.close();
        }
      });
    }

    /**
     * Waits until the application has ended (its ApplicationMaster unregisters just after the
     * job's end) and removes its staging directory if the ApplicationMaster has not yet, so nothing
     * is left when the command returns.
     */
    private void endApplication() throws Exception {
      yarn.await(session.applicationId(), EnumSet.of(YarnApplicationState.FINISHED));
      yarn.cleanUp(session.applicationId());
    }

    /** The job's result from its job manager; if the application has already ended, from YARN's report. */
    private JobExecutionResult result() throws Exception {
      try {
        return job.awaitResult();
      } catch (RestClusterClient.Status e) {
        throw e;
      } catch (IOException e) {
        ApplicationReport report = yarn.await(session.applicationId(), EnumSet.of(YarnApplicationState.FINISHED));
        if (report.getFinalApplicationStatus() != FinalApplicationStatus.SUCCEEDED) {
          throw new JobExecutionException(jobId, report.getDiagnostics(), null);
        }
        return new JobExecutionResult(jobId, Duration.ofMillis(report.getFinishTime() - report.getStartTime()),
            Map.of(), 0);
      }
    }
  }
}
