package io.nagare.client.cli;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.cluster.RestClusterClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The environment a program run by the CLI gets from {@code getExecutionEnvironment()}: the
 * command's configuration and the job jar's class loader. It counts the jobs the program executes,
 * so the CLI can tell a program that built no job, and reports each job's progress while it waits
 * ({@link JobProgress}) and its runtime on stderr (stdout stays the program's). Used on the
 * program's thread only.
 */
final class ContextEnvironment extends StreamExecutionEnvironment {
  private final Executions executions;
  private final PrintStream err;

  /** The jobs run by all environments of one program. */
  static final class Executions {
    private int count;

    int count() {
      return count;
    }
  }

  ContextEnvironment(Configuration configuration, ClassLoader userClassLoader, Executions executions, PrintStream err) {
    super(configuration, userClassLoader);
    this.executions = executions;
    this.err = err;
  }

  @Override
  public JobClient executeAsync(String jobName) throws Exception {
    executions.count++;
    return super.executeAsync(jobName);
  }

  @Override
  public JobExecutionResult execute(String jobName) throws Exception {
    executions.count++;
    JobExecutionResult result;
    if (getConfiguration().get(CoreOptions.EXECUTION_TARGET).equals("local")) {
      result = super.execute(jobName);
    } else {
      JobClient job = super.executeAsync(jobName);
      err.println("Job '" + jobName + "' submitted with id " + job.getJobId());
      if (!getConfiguration().get(CoreOptions.ATTACHED)) {
        return new JobExecutionResult(job.getJobId(), Duration.ZERO, Map.of(), 0);
      }
      try (JobProgress progress = JobProgress.start(RestClusterClient.of(getConfiguration()), job.getJobId(), err,
          System.console() != null, getConfiguration().get(CoreOptions.ATTACHED_PROGRESS_INTERVAL))) {
        result = job.getJobExecutionResult().get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }
    err.println("Job '" + jobName + "' (" + result.getJobId() + ") finished in " + result.getNetRuntime().toMillis()
        + " ms");
    return result;
  }
}
