package io.nagare.runtime.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.windowing.assigners.TumblingEventTimeWindows;
import io.nagare.testing.CollectSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jobs whose subtasks exchange records through the network stack over localhost
 * ({@code execution.local.exchange: network}): records, watermarks and the end of input cross real
 * sockets with credit-based flow control, and the results are those of the in-memory exchange.
 */
class NetworkExchangeJobTest {

  private static List<Tuple2<Long, Long>> windowedCounts(String exchange) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.getConfiguration().setString("execution.local.exchange", exchange);
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    env.fromSequence(0, 99_999)
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forMonotonousTimestamps()
            .withTimestampAssigner((e, ts) -> e))
        .map(i -> Tuple2.of(i % 10, 1L)).returns(Types.TUPLE(Types.LONG, Types.LONG))
        .keyBy(t -> t.f0, Types.LONG)
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
        .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
        .addSink(sink);
    env.execute("windowed counts over " + exchange);
    List<Tuple2<Long, Long>> values = new ArrayList<>(sink.values());
    values.sort((a, b) -> a.f0.equals(b.f0) ? a.f1.compareTo(b.f1) : a.f0.compareTo(b.f0));
    return values;
  }

  @Test
  void eventTimeWindowsGiveTheSameCountsOverTheNetworkAsInMemory() throws Exception {
    List<Tuple2<Long, Long>> network = windowedCounts("network");
    assertThat(network).hasSize(100).allMatch(t -> t.f1 == 1_000L);
    assertThat(network).isEqualTo(windowedCounts("memory"));
  }

  @Test
  void anUnknownExchangeIsRefusedByName() {
    assertThatThrownBy(() -> windowedCounts("carrier-pigeon"))
        .hasStackTraceContaining("Invalid value 'carrier-pigeon' for 'execution.local.exchange': expected memory or"
            + " network");
  }
}
