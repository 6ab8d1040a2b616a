package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.connector.sink2.Committer;
import io.nagare.api.connector.sink2.CommitterInitContext;
import io.nagare.api.connector.sink2.CommittingSinkWriter;
import io.nagare.api.connector.sink2.Sink;
import io.nagare.api.connector.sink2.SupportsCommitter;
import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.RichMapFunction;
import io.nagare.api.functions.SinkFunction;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.CommittedRows;
import io.nagare.testing.Utf8Strings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink whose input has ended commits its last output only once a checkpoint holding its final
 * state completes. Each job has two independent branches: a bounded one into an exactly-once sink,
 * and one whose map waits, in the job's first attempt, until that sink has pre-committed its last
 * output at the end of its input, and then fails. The waiting subtask takes no checkpoint meanwhile,
 * so no checkpoint holds the finished sink when the job fails over: had the sink committed at the
 * end of its input, the restarted job would commit those records a second time.
 */
class FinalCheckpointCommitTest {
  private static final int BOUNDED = 1_000;
  /** Per test, counted down once the bounded branch's sink has pre-committed its last output. */
  private static final Map<String, CountDownLatch> SINK_ENDED = new ConcurrentHashMap<>();
  /** Per test, the lines of every transaction the sink2 sink committed. */
  private static final Map<String, List<String>> COMMITTED = new ConcurrentHashMap<>();
  /** Lines of transactions prepared but not committed, by transaction. */
  private static final Map<String, List<String>> OPEN = new ConcurrentHashMap<>();

  /** Passes numbers on; in the job's first attempt waits until the sink ended, then fails. */
  static final class FailOnceTheSinkEnded extends RichMapFunction<Long, Long> {
    private final String test;

    FailOnceTheSinkEnded(String test) {
      this.test = test;
    }

    @Override
    public Long map(Long value) throws Exception {
      if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0) {
        SINK_ENDED.get(test).await();
        throw new IllegalStateException("failing once the other branch's sink has ended");
      }
      return value;
    }
  }

  /** The two-phase-commit sink of the tests, telling the test when its input has ended. */
  static final class SignallingRows extends CommittedRows<Long> {
    private final String test;

    SignallingRows(String test) {
      super(String::valueOf);
      this.test = test;
    }

    @Override
    public void finish() throws Exception {
      super.finish();
      SINK_ENDED.get(test).countDown();
    }
  }

  /** A committing sink: each transaction's lines join {@link #COMMITTED} when its committable is committed. */
  static final class CommittedLines implements Sink<Long>, SupportsCommitter<String> {
    private final String test;

    CommittedLines(String test) {
      this.test = test;
    }

    @Override
    public CommittingSinkWriter<Long, String> createWriter(WriterInitContext context) {
      return new CommittingSinkWriter<>() {
        private String transaction = begin();
        private boolean ended;

        private String begin() {
          String id = UUID.randomUUID().toString();
          OPEN.put(id, new ArrayList<>());
          return id;
        }

        @Override
        public void write(Long element, Context context) {
          OPEN.get(transaction).add(String.valueOf(element));
        }

        @Override
        public void flush(boolean endOfInput) {
          ended = endOfInput;
        }

        @Override
        public Collection<String> prepareCommit() {
          String prepared = transaction;
          transaction = begin();
          if (ended) {
            SINK_ENDED.get(test).countDown();
          }
          return List.of(prepared);
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public Committer<String> createCommitter(CommitterInitContext context) {
      return new Committer<>() {
        @Override
        public void commit(Collection<CommitRequest<String>> requests) {
          for (CommitRequest<String> r : requests) {
            List<String> lines = OPEN.remove(r.getCommittable());
            if (lines != null) {
              COMMITTED.get(test).addAll(lines);
            }
          }
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public SimpleVersionedSerializer<String> getCommittableSerializer() {
      return new Utf8Strings();
    }
  }

  /** A job whose second branch fails once, in the first attempt, when the test's sink has ended. */
  private static StreamExecutionEnvironment environment(Path dir, String test) {
    SINK_ENDED.put(test, new CountDownLatch(1));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.enableCheckpointing(20);
    env.getCheckpointConfig().setCheckpointStorage(dir.resolve("checkpoints").toUri().toString());
    env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
    env.getConfiguration().setString("restart-strategy.fixed-delay.attempts", "1");
    env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "0 ms");
    env.fromSequence(0, 0).map(new FailOnceTheSinkEnded(test), Types.LONG).addSink(new SinkFunction<Long>() {
      @Override
      public void invoke(Long value, Context context) {}
    });
    return env;
  }

  private static List<String> numbers() {
    return LongStream.range(0, BOUNDED).mapToObj(Long::toString).sorted().toList();
  }

  @Test
  void aTwoPhaseCommitSinkCommitsItsLastTransactionOnlyWithTheFinalCheckpoint(@TempDir Path dir) throws Exception {
    String test = UUID.randomUUID().toString();
    StreamExecutionEnvironment env = environment(dir, test);
    SignallingRows sink = new SignallingRows(test);
    env.fromSequence(0, BOUNDED - 1).addSink(sink);

    JobExecutionResult result = env.execute("final checkpoint, two-phase commit");

    assertThat(result.getRestarts()).isEqualTo(1);
    assertThat(sink.rows().stream().sorted().toList()).isEqualTo(numbers());
  }

  @Test
  void aCommittingSinkCommitsItsLastCommittablesOnlyWithTheFinalCheckpoint(@TempDir Path dir) throws Exception {
    String test = UUID.randomUUID().toString();
    COMMITTED.put(test, java.util.Collections.synchronizedList(new ArrayList<>()));
    StreamExecutionEnvironment env = environment(dir, test);
    env.fromSequence(0, BOUNDED - 1).sinkTo(new CommittedLines(test));

    JobExecutionResult result = env.execute("final checkpoint, committing sink");

    assertThat(result.getRestarts()).isEqualTo(1);
    assertThat(COMMITTED.get(test).stream().sorted().toList()).isEqualTo(numbers());
  }
}
