package io.nagare.runtime.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.environment.Pipeline;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.Gauge;
import io.nagare.api.metrics.Metric;
import io.nagare.api.state.CheckpointListener;
import io.nagare.api.typeinfo.Types;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobGraphBuilder;
import io.nagare.metrics.RegisteredMetric;
import io.nagare.plan.StreamGraphBuilder;
import io.nagare.state.StateBackends;
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every operator subtask counts the records it took in and emitted, chained or not; tasks count what crosses the network. */
class OperatorMetricsTest {

  @Test
  void recordsInAndOutAreCountedPerOperatorAndSubtask() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 1000).name("numbers")
        .filter(x -> x % 4 == 0).name("quarter")
        .rebalance()
        .map(x -> x * 10).name("times-ten").setParallelism(2)
        .addSink(new CollectSink<>()).name("sink").setParallelism(2);
    JobGraph job = jobGraph(env, "metrics");
    JobRun run = runLocally(job, env);

    Map<String, RegisteredMetric> metrics = run.metrics().snapshot();
    String operator = "taskmanager.job.task.operator";
    assertThat(count(metrics, operator, "Source: numbers", 0, "numRecordsOut")).isEqualTo(1000L);
    assertThat(count(metrics, operator, "quarter", 0, "numRecordsIn")).isEqualTo(1000L);
    assertThat(count(metrics, operator, "quarter", 0, "numRecordsOut")).isEqualTo(250L);
    assertThat(count(metrics, operator, "times-ten", 0, "numRecordsIn")).isEqualTo(125L);
    assertThat(count(metrics, operator, "times-ten", 1, "numRecordsIn")).isEqualTo(125L);
    assertThat(count(metrics, operator, "sink", 0, "numRecordsIn"))
        .isEqualTo(count(metrics, operator, "times-ten", 0, "numRecordsOut")).isEqualTo(125L);
    assertThat(count(metrics, operator, "sink", 0, "numRecordsOut")).isZero();

    String host = java.net.InetAddress.getLocalHost().getHostName().replace('.', '_');
    assertThat(metrics).containsKey(host + ".taskmanager.local.metrics.quarter.0.numRecordsIn");
    assertThat(metrics.get(host + ".taskmanager.local.metrics.quarter.0.numRecordsIn").variables())
        .containsEntry("job_name", "metrics").containsEntry("operator_name", "quarter")
        .containsEntry("subtask_index", "0").containsEntry("tm_id", LocalDeployment.LOCAL_TASK_MANAGER)
        .containsEntry("job_id", job.jobId());
  }

  @Test
  void tasksCountRecordsAndBytesThatCrossTheNetwork() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 1000).name("numbers")
        .rebalance()
        .map(x -> x * 10).name("times-ten").setParallelism(2)
        .addSink(new CollectSink<>()).name("sink").setParallelism(2);
    JobGraph job = jobGraph(env, "bytes");
    JobRun run = runLocally(job, env);

    Map<String, RegisteredMetric> metrics = run.metrics().snapshot();
    String task = "taskmanager.job.task";
    String source = job.vertices().get(0).name();
    String mapAndSink = job.vertices().get(1).name();
    assertThat(count(metrics, task, source, 0, "numRecordsIn")).isZero();
    assertThat(count(metrics, task, source, 0, "numRecordsOut")).isEqualTo(1000L);
    assertThat(count(metrics, task, mapAndSink, 0, "numRecordsIn") + count(metrics, task, mapAndSink, 1,
        "numRecordsIn")).isEqualTo(1000L);
    assertThat(count(metrics, task, mapAndSink, 0, "numRecordsOut")).isZero();
    long bytesOut = count(metrics, task, source, 0, "numBytesOut");
    assertThat(bytesOut).isGreaterThanOrEqualTo(1000L * 9);
    assertThat(count(metrics, task, mapAndSink, 0, "numBytesIn") + count(metrics, task, mapAndSink, 1, "numBytesIn"))
        .isEqualTo(bytesOut);
  }

  private JobGraph jobGraph(StreamExecutionEnvironment env, String name) {
    return JobGraphBuilder.build(StreamGraphBuilder.build(new Pipeline(name, env.getTransformations(),
        env.getConfiguration(), getClass().getClassLoader())));
  }

  /** Runs {@code job} to its end in this process, its metrics kept in the run's own registry. */
  private JobRun runLocally(JobGraph job, StreamExecutionEnvironment env) throws Exception {
    JobRun run = new JobRun(job, getClass().getClassLoader(), new LocalDeployment(job, getClass().getClassLoader(),
        StateBackends.fromConfiguration(env.getConfiguration())));
    run.run();
    return run;
  }

  private static long count(Map<String, RegisteredMetric> metrics, String logicalScope, String name, int subtask,
      String metric) {
    String nameVariable = logicalScope.endsWith("operator") ? "operator_name" : "task_name";
    for (RegisteredMetric m : metrics.values()) {
      if (m.logicalScope().equals(logicalScope) && m.name().equals(metric)
          && name.equals(m.variables().get(nameVariable))
          && String.valueOf(subtask).equals(m.variables().get("subtask_index"))) {
        return ((Counter) m.metric()).getCount();
      }
    }
    throw new AssertionError("No metric " + metric + " of " + name + " (" + subtask + ") in " + metrics.keySet());
  }

  /** Fails on its first record after the first checkpoint of the first attempt completed. */
  static final class FailOnceAfterACheckpoint extends KeyedProcessFunction<Long, Long, Long>
      implements CheckpointListener {
    private transient boolean armed;

    @Override
    public void processElement(Long value, Context ctx, Collector<Long> out) {
      if (armed && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
        throw new IllegalStateException("injected failure");
      }
      out.collect(value);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      armed = true;
    }
  }

  @Test
  void jobMetricsCountRestartsAndDescribeTheLatestCheckpoint(@TempDir Path dir) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.enableCheckpointing(20);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString());
    env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
    env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "0 ms");
    env.fromSource(new NumbersUntilCheckpoints(3), WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .keyBy(x -> x % 3, Types.LONG)
        .process(new FailOnceAfterACheckpoint(), Types.LONG)
        .addSink(new CollectSink<>());
    JobGraph graph = jobGraph(env, "job-metrics");
    JobRun run = runLocally(graph, env);

    Map<String, Metric> metrics = new TreeMap<>();
    run.metrics().snapshot().values().stream().filter(m -> m.logicalScope().equals("jobmanager.job"))
        .forEach(m -> metrics.put(m.variables().get("job_name") + "." + m.name(), m.metric()));
    assertThat(gauge(metrics, "job-metrics.numRestarts")).isEqualTo(1);
    assertThat(run.exceptions().entries()).singleElement().satisfies(e -> {
      assertThat(e.exceptionName()).isEqualTo("java.lang.IllegalStateException");
      assertThat(e.message()).isEqualTo("injected failure");
      assertThat(e.taskName()).endsWith(" (1/1)");
      assertThat(e.location()).isEqualTo("local");
      assertThat(e.stackTrace()).contains("FailOnceAfterACheckpoint.processElement");
    });
    io.nagare.runtime.checkpoint.CheckpointStatsTracker.Snapshot checkpoints = run.checkpointHistory().tracker()
        .snapshot();
    assertThat(checkpoints.completed()).isEqualTo(run.checkpointHistory().completed());
    assertThat(checkpoints.restored()).isEqualTo(1);
    assertThat(checkpoints.latestRestored().id()).isPositive();
    assertThat(checkpoints.history()).hasSizeLessThanOrEqualTo(10).isNotEmpty();
    assertThat(checkpoints.latestCompleted().externalPath()).endsWith("chk-" + checkpoints.latestCompleted().id());
    assertThat((Long) gauge(metrics, "job-metrics.uptime")).isZero();
    assertThat((Long) gauge(metrics, "job-metrics.runningState")).as("the job has ended").isZero();
    assertThat(gauge(metrics, "job-metrics.numberOfCompletedCheckpoints"))
        .isEqualTo(run.checkpointHistory().completed());
    assertThat(run.checkpointHistory().completed()).isGreaterThanOrEqualTo(4);
    long size = (Long) gauge(metrics, "job-metrics.lastCheckpointSize");
    assertThat(size).isPositive();
    assertThat((Long) gauge(metrics, "job-metrics.lastCheckpointFullSize")).isGreaterThanOrEqualTo(size);
    assertThat((Long) gauge(metrics, "job-metrics.lastCheckpointDuration")).isNotNegative();
    assertThat((Long) gauge(metrics, "job-metrics.lastCheckpointAlignmentTime"))
        .isEqualTo(run.checkpointHistory().latestStats().alignmentNanos())
        .isEqualTo(checkpoints.latestCompleted().alignmentNanos());
    assertThat(gauge(metrics, "job-metrics.numberOfFailedCheckpoints")).isEqualTo(run.checkpointHistory().failed());
  }

  private static Object gauge(Map<String, Metric> metrics, String name) {
    Metric m = metrics.get(name);
    assertThat(m).as("metric %s among %s", name, metrics.keySet()).isInstanceOf(Gauge.class);
    return ((Gauge<?>) m).getValue();
  }
}
