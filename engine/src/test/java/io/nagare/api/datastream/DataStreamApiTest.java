package io.nagare.api.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.common.LongCounter;
import io.nagare.api.common.OutputTag;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.ProcessFunction;
import io.nagare.api.functions.RichMapFunction;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.CollectSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Job-level behaviour of the stateless DataStream operations, on the local runtime. */
class DataStreamApiTest {

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
  }

  private static <T extends Comparable<T>> List<T> sorted(List<T> values) {
    List<T> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return copy;
  }

  @Test
  void flatMapEmitsEveryToken() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    CollectSink<String> sink = new CollectSink<>();
    env.fromElements("a b", "", "c d e")
        .flatMap((String line, Collector<String> out) -> {
          for (String w : line.split(" ")) {
            if (!w.isEmpty()) {
              out.collect(w);
            }
          }
        }).returns(Types.STRING)
        .addSink(sink);
    env.execute();
    assertThat(sink.values()).containsExactly("a", "b", "c", "d", "e");
  }

  /** Evens to the main output, odds as strings to side output "odd". */
  static final class SplitOdd extends ProcessFunction<Long, Long> {
    static final OutputTag<String> ODD = new OutputTag<>("odd", Types.STRING);

    @Override
    public void processElement(Long v, Context ctx, Collector<Long> out) {
      if (v % 2 == 0) {
        out.collect(v);
      } else {
        ctx.output(ODD, "odd-" + v);
      }
    }
  }

  @Test
  void sideOutputsReachTheirConsumersChainedAndOverTheNetwork() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    CollectSink<Long> evens = new CollectSink<>();
    CollectSink<String> odds = new CollectSink<>();
    SingleOutputStreamOperator<Long> main = env.fromSequence(1, 10).process(new SplitOdd());
    main.addSink(evens);
    main.getSideOutput(SplitOdd.ODD).rebalance().addSink(odds).setParallelism(1);
    env.execute();
    assertThat(sorted(evens.values())).containsExactly(2L, 4L, 6L, 8L, 10L);
    assertThat(sorted(odds.values())).containsExactly("odd-1", "odd-3", "odd-5", "odd-7", "odd-9");
  }

  @Test
  void unionMergesStreams() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    CollectSink<Long> sink = new CollectSink<>();
    env.fromSequence(1, 500).union(env.fromSequence(501, 1000), env.fromElements(1001L)).map(x -> x)
        .addSink(sink);
    env.execute();
    assertThat(sorted(sink.values())).isEqualTo(range(1, 1001));
  }

  @Test
  void broadcastSendsEveryRecordToEverySubtask() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    CollectSink<Long> sink = new CollectSink<>();
    env.fromSequence(1, 100).broadcast().map(x -> x).setParallelism(3).addSink(sink).setParallelism(3);
    env.execute();
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      expected.addAll(range(1, 100));
    }
    assertThat(sorted(sink.values())).isEqualTo(sorted(expected));
  }

  @Test
  void everyPartitionerDeliversEachRecordExactlyOnce() throws Exception {
    for (String kind : List.of("rebalance", "shuffle", "rescale", "global")) {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
      CollectSink<Long> sink = new CollectSink<>();
      DataStream<Long> src = env.fromSequence(1, 20_000);
      DataStream<Long> parted = kind.equals("rebalance") ? src.rebalance() : kind.equals("shuffle") ? src.shuffle()
          : kind.equals("rescale") ? src.rescale() : src.global();
      parted.map(x -> x).setParallelism(kind.equals("global") ? 1 : 4).addSink(sink)
          .setParallelism(kind.equals("global") ? 1 : 4);
      env.execute(kind);
      assertThat(sorted(sink.values())).as(kind).isEqualTo(range(1, 20_000));
    }
  }

  /** Counts records in an accumulator and returns them unchanged. */
  static final class Counting extends RichMapFunction<Long, Long> {
    private transient LongCounter counter;

    @Override
    public void open(OpenContext ctx) {
      counter = new LongCounter();
      getRuntimeContext().addAccumulator("seen", counter);
    }

    @Override
    public Long map(Long value) {
      counter.add(1);
      return value;
    }
  }

  @Test
  void accumulatorsOfAllSubtasksAreMergedIntoTheResult() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(3);
    env.fromSequence(1, 12_345).map(new Counting()).addSink(new CollectSink<>());
    JobExecutionResult result = env.execute("acc");
    assertThat(result.<Long>getAccumulatorResult("seen")).isEqualTo(12_345L);
    assertThat(result.getNetRuntime()).isPositive();
  }

  @Test
  void printPrefixesParallelSubtasksAsFlinkDoes() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
      env.fromElements("x").print();
      env.fromElements("y").broadcast().print().setParallelism(2);
      env.execute();
    } finally {
      System.setOut(original);
    }
    List<String> lines = sorted(List.of(captured.toString(StandardCharsets.UTF_8).split("\n")));
    assertThat(lines).containsExactly("1> y", "2> y", "x");
  }
}
