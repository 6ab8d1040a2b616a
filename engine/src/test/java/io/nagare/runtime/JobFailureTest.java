package io.nagare.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.MapFunction;
import io.nagare.testing.CollectSink;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JobFailureTest {

  /** Throws on one value, in one subtask. */
  static final class FailOn implements MapFunction<Long, Long> {
    private final long bad;

    FailOn(long bad) {
      this.bad = bad;
    }

    @Override
    public Long map(Long value) {
      if (value == bad) {
        throw new IllegalStateException("cannot handle " + value);
      }
      return value;
    }
  }

  private static Set<String> threadNamesContaining(String part) {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.contains(part))
        .collect(Collectors.toSet());
  }

  @Test
  void userExceptionFailsTheJobWithOperatorSubtaskAndOriginalCause() {
    String op = "Exploding-" + UUID.randomUUID();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.fromSequence(1, 1_000_000).rebalance().map(new FailOn(777)).name(op).setParallelism(3)
        .addSink(new CollectSink<>()).setParallelism(3);

    assertThatThrownBy(() -> env.execute("failing"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageStartingWith("Job 'failing' (")
        .hasMessageMatching("(?s).*Operator '" + op + "' \\(subtask [123]/3\\) threw an exception: "
            + "java.lang.IllegalStateException: cannot handle 777.*")
        .cause().isInstanceOf(IllegalStateException.class).hasMessage("cannot handle 777");
    assertThat(threadNamesContaining(op)).as("subtask threads left running").isEmpty();
  }

  @Test
  void nullFromAMapFailsNamingTheOperator() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 10).map(x -> x == 5 ? null : x).name("MaybeNull").addSink(new CollectSink<>());
    assertThatThrownBy(() -> env.execute("nulls"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("Operator 'MaybeNull' (subtask 1/1) emitted null; streams cannot carry null elements");
  }

  @Test
  void failingKeySelectorIsReportedOnTheProducingOperator() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.fromSequence(1, 10).map(x -> x).name("Before").keyBy(x -> 10 / (x - 3)).map(x -> x).addSink(new CollectSink<>());
    assertThatThrownBy(() -> env.execute("bad-key"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("Operator 'Before' (subtask 1/1) failed to route a record")
        .cause().isInstanceOf(ArithmeticException.class);
  }

  @Test
  void executeWithoutOperatorsIsRejected() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    assertThatThrownBy(env::execute).isInstanceOf(IllegalStateException.class)
        .hasMessage("No operators defined in the streaming program: nothing to execute.");
  }
}
