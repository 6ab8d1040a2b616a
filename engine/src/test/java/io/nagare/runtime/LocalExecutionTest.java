package io.nagare.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.testing.CollectSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalExecutionTest {

  @Test
  void chainedMapAndFilterProduceExactOutput() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    CollectSink<Long> sink = new CollectSink<>();
    env.fromSequence(1, 1000).map(x -> x * 2 + 1).filter(x -> x % 3 != 0).addSink(sink);
    env.execute("w1-small");
    List<Long> expected = new ArrayList<>();
    for (long i = 1; i <= 1000; i++) {
      long y = i * 2 + 1;
      if (y % 3 != 0) {
        expected.add(y);
      }
    }
    assertThat(sink.values()).containsExactlyElementsOf(expected);
  }

  @Test
  void rebalancedParallelPipelineDeliversEveryRecordOnce() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(3);
    CollectSink<Long> sink = new CollectSink<>();
    env.fromSequence(1, 100_000).rebalance().map(x -> x + 1).setParallelism(2).addSink(sink);
    env.execute("rebalance");
    List<Long> expected = new ArrayList<>();
    for (long i = 2; i <= 100_001; i++) {
      expected.add(i);
    }
    List<Long> actual = sink.values();
    actual.sort(null);
    assertThat(actual).isEqualTo(expected);
  }
}
