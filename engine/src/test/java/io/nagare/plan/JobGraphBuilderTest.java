package io.nagare.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.common.OutputTag;
import io.nagare.api.datastream.DataStream;
import io.nagare.api.datastream.SingleOutputStreamOperator;
import io.nagare.api.environment.Pipeline;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.MapFunction;
import io.nagare.api.functions.ProcessFunction;
import io.nagare.api.transformations.PartitionerKind;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.CollectSink;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JobGraphBuilderTest {

  private static JobGraph plan(StreamExecutionEnvironment env) {
    Pipeline p = new Pipeline("test", env.getTransformations(), env.getConfiguration(), env.getUserClassLoader());
    return JobGraphBuilder.build(StreamGraphBuilder.build(p));
  }

  private static List<String> vertexNames(JobGraph g) {
    return g.vertices().stream().map(JobVertex::name).collect(Collectors.toList());
  }

  @Test
  void forwardEdgesOfEqualParallelismChainIntoOneVertex() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSequence(1, 10).map(x -> x + 1).filter(x -> x > 2).addSink(new CollectSink<>()).name("Sink");
    JobGraph g = plan(env);
    assertThat(vertexNames(g)).containsExactly("Source: Sequence Source -> Map -> Filter -> Sink");
    assertThat(g.edges()).isEmpty();
    assertThat(g.vertex(0).parallelism()).isEqualTo(2);
  }

  /** Tags numbers and strings alike. */
  static final class Tag implements io.nagare.api.functions.CoMapFunction<Long, String, String> {
    @Override
    public String map1(Long value) {
      return "n" + value;
    }

    @Override
    public String map2(String value) {
      return "s" + value;
    }
  }

  @Test
  void aTwoInputOperatorStartsAChainFedByOneEdgePerInputAndChainsWhatFollows() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSequence(1, 10).connect(env.fromElements("a")).map(new Tag()).map(s -> s + "!")
        .addSink(new CollectSink<>()).name("Sink");
    JobGraph g = plan(env);
    assertThat(vertexNames(g)).containsExactly("Source: Sequence Source", "Source: Collection Source",
        "Co-Map -> Map -> Sink");
    assertThat(g.edges()).extracting(JobEdge::targetInput, JobEdge::partitioner).containsExactly(
        org.assertj.core.groups.Tuple.tuple(0, PartitionerKind.FORWARD),
        org.assertj.core.groups.Tuple.tuple(1, PartitionerKind.REBALANCE));
    assertThat(g.vertex(2).head().isTwoInput()).isTrue();
    assertThat(g.vertex(2).head().inputType2()).isEqualTo(Types.STRING);
  }

  @Test
  void keyByBreaksTheChainWithAHashEdge() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 10).keyBy(x -> x % 3).reduce(Long::sum).addSink(new CollectSink<>()).name("Sink");
    JobGraph g = plan(env);
    assertThat(vertexNames(g)).containsExactly("Source: Sequence Source", "Keyed Reduce -> Sink");
    assertThat(g.edges()).singleElement().satisfies(e -> {
      assertThat(e.partitioner()).isEqualTo(PartitionerKind.HASH);
      assertThat(e.keySelector()).isNotNull();
      assertThat(e.type()).isEqualTo(Types.LONG);
    });
    assertThat(g.vertex(1).head().isKeyed()).isTrue();
    assertThat(g.vertex(1).head().keyType()).isEqualTo(Types.LONG);
  }

  @Test
  void differentParallelismRebalancesByDefault() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSequence(1, 10).map(x -> x).setParallelism(3).addSink(new CollectSink<>()).setParallelism(3).name("Sink");
    JobGraph g = plan(env);
    assertThat(vertexNames(g)).containsExactly("Source: Sequence Source", "Map -> Sink");
    assertThat(g.edges()).extracting(JobEdge::partitioner).containsExactly(PartitionerKind.REBALANCE);
  }

  @Test
  void disableChainingAndStartNewChainAreHonoured() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 10).map(x -> x).name("A").disableChaining().map(x -> x).name("B")
        .map(x -> x).name("C").startNewChain().map(x -> x).name("D").addSink(new CollectSink<>()).name("Sink");
    JobGraph g = plan(env);
    assertThat(vertexNames(g)).containsExactly("Source: Sequence Source", "A", "B", "C -> D -> Sink");
    assertThat(g.edges()).extracting(JobEdge::partitioner).containsOnly(PartitionerKind.FORWARD);
  }

  @Test
  void unionTargetIsNotChainedAndGetsOneEdgePerInput() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    DataStream<Long> a = env.fromSequence(1, 5);
    DataStream<Long> b = env.fromSequence(6, 10);
    a.union(b).map(x -> x).addSink(new CollectSink<>()).name("Sink");
    JobGraph g = plan(env);
    assertThat(vertexNames(g)).containsExactly("Source: Sequence Source", "Source: Sequence Source", "Map -> Sink");
    assertThat(g.vertex(2).inputEdges()).hasSize(2);
  }

  @Test
  void sideOutputsChainAndCarryTheirTag() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    SingleOutputStreamOperator<Long> main = env.fromSequence(1, 10).process(new SplitOdd());
    main.addSink(new CollectSink<>()).name("Evens");
    main.getSideOutput(SplitOdd.ODD).addSink(new CollectSink<>()).name("Odds");
    JobGraph g = plan(env);
    assertThat(vertexNames(g)).containsExactly("Source: Sequence Source -> Process -> Evens -> Odds");
    OperatorConfig process = g.vertex(0).operators().get(1);
    assertThat(process.chainedOutputs()).extracting(OperatorConfig.ChainedOutput::tagId).containsExactly(null, "odd");
  }

  /** Evens to the main output, odds to side output "odd". */
  static final class SplitOdd extends ProcessFunction<Long, Long> {
    static final OutputTag<String> ODD = new OutputTag<>("odd", Types.STRING);

    @Override
    public void processElement(Long v, Context ctx, Collector<Long> out) {
      if (v % 2 == 0) {
        out.collect(v);
      } else {
        ctx.output(ODD, "odd " + v);
      }
    }
  }

  @Test
  void anonymousFunctionCapturingItsTestIsRejectedWithAHint() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 10).process(new ProcessFunction<Long, Long>() {
      @Override
      public void processElement(Long v, Context ctx, Collector<Long> out) {
        out.collect(v);
      }
    }).addSink(new CollectSink<>());
    assertThatThrownBy(() -> plan(env)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The function of operator 'Process' is not serializable: "
            + "io.nagare.plan.JobGraphBuilderTest cannot be serialized.")
        .hasMessageContaining("is an anonymous or inner class, which also captures its enclosing instance");
  }

  @Test
  void forwardWithDifferentParallelismIsRejectedNamingBothOperators() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSequence(1, 10).forward().map(x -> x).name("Narrow").setParallelism(1)
        .addSink(new CollectSink<>()).setParallelism(1);
    assertThatThrownBy(() -> plan(env)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Forward partitioning does not allow a change of parallelism: 'Source: Sequence Source' has"
            + " parallelism 2, 'Narrow' has 1. Use rebalance() or another partitioning.");
  }

  /** A map function holding something that cannot be serialized. */
  static final class HoldsThread implements MapFunction<Long, Long> {
    private final Object lock = new Thread();

    @Override
    public Long map(Long value) {
      return value + lock.hashCode();
    }
  }

  @Test
  void nonSerializableFunctionFailsNamingTheOperatorAndClass() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 10).map(new HoldsThread()).name("Leaky").addSink(new CollectSink<>());
    assertThatThrownBy(() -> plan(env)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The function of operator 'Leaky' is not serializable: java.lang.Thread cannot be"
            + " serialized.");
  }

  @Test
  void autoOperatorIdsAreStableAcrossBuildsAndUidsWin() {
    JobGraph first = plan(program());
    JobGraph second = plan(program());
    List<String> ids1 = first.vertices().stream().flatMap(v -> v.operators().stream()).map(OperatorConfig::operatorId)
        .collect(Collectors.toList());
    List<String> ids2 = second.vertices().stream().flatMap(v -> v.operators().stream()).map(OperatorConfig::operatorId)
        .collect(Collectors.toList());
    assertThat(ids1).isEqualTo(ids2).doesNotHaveDuplicates().contains("my-map");
  }

  private static StreamExecutionEnvironment program() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 10).map(x -> x).uid("my-map").keyBy(x -> x).reduce(Long::sum).addSink(new CollectSink<>());
    return env;
  }
}
