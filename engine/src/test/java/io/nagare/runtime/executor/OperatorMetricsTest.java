package io.nagare.runtime.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.environment.Pipeline;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.Metric;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobGraphBuilder;
import io.nagare.plan.StreamGraphBuilder;
import io.nagare.state.StateBackends;
import io.nagare.testing.CollectSink;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

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
    LocalJobRun run = new LocalJobRun(job, getClass().getClassLoader(),
        StateBackends.fromConfiguration(env.getConfiguration()));
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
}
