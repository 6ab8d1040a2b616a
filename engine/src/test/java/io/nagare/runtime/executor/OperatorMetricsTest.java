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
import io.nagare.plan.StreamGraphBuilder;
import io.nagare.state.StateBackends;
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every operator subtask counts the records it took in and emitted, chained or not. */
class OperatorMetricsTest {

  @Test
  void recordsInAndOutAreCountedPerOperatorAndSubtask() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 1000).name("numbers")
        .filter(x -> x % 4 == 0).name("quarter")
        .rebalance()
        .map(x -> x * 10).name("times-ten").setParallelism(2)
        .addSink(new CollectSink<>()).name("sink").setParallelism(2);
    Pipeline pipeline = new Pipeline("metrics", env.getTransformations(), env.getConfiguration(),
        getClass().getClassLoader());
    JobGraph job = JobGraphBuilder.build(StreamGraphBuilder.build(pipeline));
    JobRun run = new JobRun(job, getClass().getClassLoader(), new LocalDeployment(job, getClass().getClassLoader(),
        StateBackends.fromConfiguration(env.getConfiguration())));
    run.run();

    Map<String, Long> counts = new TreeMap<>();
    for (Map.Entry<String, Metric> e : run.metrics().snapshot().entrySet()) {
      if (e.getValue() instanceof Counter && e.getKey().contains(".numRecords")) {
        counts.put(e.getKey(), ((Counter) e.getValue()).getCount());
      }
    }
    assertThat(counts).containsEntry("metrics.Source:_numbers.0.numRecordsOut", 1000L)
        .containsEntry("metrics.quarter.0.numRecordsIn", 1000L)
        .containsEntry("metrics.quarter.0.numRecordsOut", 250L);
    assertThat(counts.get("metrics.times-ten.0.numRecordsIn") + counts.get("metrics.times-ten.1.numRecordsIn"))
        .isEqualTo(250L);
    assertThat(counts.get("metrics.times-ten.0.numRecordsIn")).isEqualTo(125L);
    assertThat(counts.get("metrics.sink.0.numRecordsIn")).isEqualTo(counts.get("metrics.times-ten.0.numRecordsOut"));
    assertThat(counts.get("metrics.sink.1.numRecordsIn")).isEqualTo(counts.get("metrics.times-ten.1.numRecordsOut"));
    assertThat(counts.get("metrics.sink.0.numRecordsOut")).isZero();
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
    Pipeline pipeline = new Pipeline("job-metrics", env.getTransformations(), env.getConfiguration(),
        getClass().getClassLoader());
    JobGraph graph = JobGraphBuilder.build(StreamGraphBuilder.build(pipeline));
    JobRun run = new JobRun(graph, getClass().getClassLoader(), new LocalDeployment(graph, getClass().getClassLoader(),
        StateBackends.fromConfiguration(env.getConfiguration())));
    run.run();

    Map<String, Metric> metrics = run.metrics().snapshot();
    assertThat(gauge(metrics, "job-metrics.numRestarts")).isEqualTo(1);
    assertThat(gauge(metrics, "job-metrics.numberOfCompletedCheckpoints"))
        .isEqualTo(run.checkpointHistory().completed());
    assertThat(run.checkpointHistory().completed()).isGreaterThanOrEqualTo(4);
    long size = (Long) gauge(metrics, "job-metrics.lastCheckpointSize");
    assertThat(size).isPositive();
    assertThat((Long) gauge(metrics, "job-metrics.lastCheckpointFullSize")).isGreaterThanOrEqualTo(size);
    assertThat((Long) gauge(metrics, "job-metrics.lastCheckpointDuration")).isNotNegative();
    assertThat(gauge(metrics, "job-metrics.numberOfFailedCheckpoints")).isEqualTo(run.checkpointHistory().failed());
  }

  private static Object gauge(Map<String, Metric> metrics, String name) {
    Metric m = metrics.get(name);
    assertThat(m).as("metric %s among %s", name, metrics.keySet()).isInstanceOf(Gauge.class);
    return ((Gauge<?>) m).getValue();
  }
}
