package io.nagare.runtime.executor;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.Pipeline;
import io.nagare.api.environment.PipelineExecutor;
import io.nagare.metrics.MetricRegistry;
import io.nagare.metrics.MetricReporters;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobGraphBuilder;
import io.nagare.plan.StreamGraphBuilder;
import io.nagare.state.StateBackends;

/** Runs pipelines in this JVM: one thread per subtask, in-memory exchange. */
public final class LocalExecutor implements PipelineExecutor {
  private final Configuration configuration;

  public LocalExecutor(Configuration configuration) {
    this.configuration = configuration;
  }

  @Override
  public JobExecutionResult execute(Pipeline pipeline) throws Exception {
    return prepare(pipeline).run();
  }

  @Override
  public JobClient executeAsync(Pipeline pipeline) {
    return new JobRunClient(prepare(pipeline));
  }

  private JobRun prepare(Pipeline pipeline) {
    JobGraph job = JobGraphBuilder.build(StreamGraphBuilder.build(pipeline));
    MetricRegistry metrics;
    try {
      metrics = MetricReporters.createRegistry(configuration);
    } catch (java.net.BindException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return new JobRun(job, pipeline.getUserClassLoader(), new LocalDeployment(job, pipeline.getUserClassLoader(),
        StateBackends.fromConfiguration(configuration)), metrics, true);
  }
}
