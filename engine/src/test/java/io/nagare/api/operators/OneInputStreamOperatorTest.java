package io.nagare.api.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import io.nagare.testing.OneInputOperatorTestHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public operator extension point: lifecycle, output, clock, mailbox, operator state through a restart. */
class OneInputStreamOperatorTest {
  /**
   * Counts its elements in operator state and emits "<subtask>:<count>" at the end; in its first run it fails once a
   * checkpoint holding a count above zero has completed, so a count that did not come back would show in the total.
   */
  static final class CountingOperator extends OneInputStreamOperator<Long, String> {
    private transient ListState<Long> state;
    private transient long count;
    private transient long snapshotted;
    private transient boolean checkpointed;

    @Override
    public void open() throws Exception {
      state = context().operatorStateStore().getListState(new ListStateDescriptor<>("count", Types.LONG));
      for (Long c : state.get()) {
        count += c;
      }
    }

    @Override
    public void processElement(Long element, long timestamp) {
      if (checkpointed && context().runtimeContext().getTaskInfo().getAttemptNumber() == 0) {
        throw new IllegalStateException("injected failure");
      }
      count++;
    }

    @Override
    public void snapshotState(long checkpointId, long timestamp) throws Exception {
      state.update(List.of(count));
      snapshotted = count;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpointed = snapshotted > 0;
    }

    @Override
    public void endInput() {
      output().collect(context().runtimeContext().getTaskInfo().getIndexOfThisSubtask() + ":" + count);
    }
  }

  @Test
  void operatorStateOfAPublicOperatorComesBackExactlyAfterAFailure(@TempDir Path dir) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(20);
    env.getCheckpointConfig().setCheckpointStorage(dir.toUri().toString());
    env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
    env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "2");
    env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "0 ms");
    NumbersUntilCheckpoints numbers = new NumbersUntilCheckpoints(3);
    CollectSink<String> sink = new CollectSink<>();
    env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .transform("count", Types.STRING, new CountingOperator())
        .addSink(sink);
    JobExecutionResult result = env.execute("custom operator");
    assertThat(result.getRestarts()).isEqualTo(1);
    long total = 0;
    for (String s : sink.values()) {
      total += Long.parseLong(s.substring(s.indexOf(':') + 1));
    }
    assertThat(total).isEqualTo(numbers.emitted());
    assertThat(sink.values()).hasSize(2);
  }

  /** Emits elements later: from a processing-time timer and from another thread through the mailbox. */
  static final class Deferring extends OneInputStreamOperator<String, String> {
    transient String mailboxThread;

    @Override
    public void processElement(String element, long timestamp) throws Exception {
      if (element.startsWith("later")) {
        ProcessingTimeService clock = context().processingTimeService();
        clock.registerTimer(clock.getCurrentProcessingTime() + 100, time -> output().collect(element + "@" + time));
      } else if (element.startsWith("elsewhere")) {
        Thread t = new Thread(() -> context().mailboxExecutor().execute(() -> {
          mailboxThread = Thread.currentThread().getName();
          output().collect(element, 5);
        }), "client-callback");
        t.start();
        t.join();
      } else if (element.equals("boom")) {
        context().mailboxExecutor().execute(() -> {
          throw new IllegalStateException("callback failed");
        });
      } else {
        output().collect(element.toUpperCase(), timestamp);
      }
    }
  }

  private static OneInputOperatorTestHarness<String, String> harness(OneInputStreamOperator<String, String> op) {
    return OneInputOperatorTestHarness.forSpec(new OperatorSpec(OperatorSpec.Kind.CUSTOM, null,
        (OneInputStreamOperatorFactory<String, String>) () -> op), Types.STRING);
  }

  @Test
  void timersAndMailboxActionsRunOnTheSubtaskThreadAndEmit() throws Exception {
    Deferring op = new Deferring();
    var h = harness(op);
    h.open();
    h.setProcessingTime(1000);
    h.processElement("a", 3);
    h.processElement("later");
    h.processElement("elsewhere");
    assertThat(op.mailboxThread).isEqualTo(Thread.currentThread().getName());
    h.processWatermark(10);
    h.setProcessingTime(1100);
    assertThat(h.getOutput()).containsExactly(
        OneInputOperatorTestHarness.Emitted.record("A", 3),
        OneInputOperatorTestHarness.Emitted.record("elsewhere", 5),
        OneInputOperatorTestHarness.Emitted.watermark(10),
        OneInputOperatorTestHarness.Emitted.record("later@1100"));
  }

  @Test
  void anExceptionInAMailboxActionFailsNamingTheOperator() throws Exception {
    var h = harness(new Deferring());
    h.open();
    assertThatThrownBy(() -> h.processElement("boom"))
        .hasMessageContaining("TestOperator")
        .hasMessageContaining("failed in an action handed to its subtask")
        .hasRootCauseMessage("callback failed");
  }

  @Test
  void aNullRecordIsRefused() throws Exception {
    OneInputStreamOperator<String, String> op = new OneInputStreamOperator<>() {
      @Override
      public void processElement(String element, long timestamp) {
        output().collect(null);
      }
    };
    var h = harness(op);
    h.open();
    assertThatThrownBy(() -> h.processElement("x")).hasMessageContaining("emitted null");
  }
}
