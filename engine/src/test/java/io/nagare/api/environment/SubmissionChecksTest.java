package io.nagare.api.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.connector.SubmissionCheck;
import io.nagare.api.connector.sink2.Sink;
import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.api.connector.sink2.WriterInitContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sources' and sinks' checks run in {@code execute} before anything is submitted. */
class SubmissionChecksTest {
  static final AtomicInteger WRITERS = new AtomicInteger();

  /** Claims its prefix for itself and refuses an interval above its limit. */
  static final class CheckedSink implements Sink<Long>, SubmissionCheck {
    private final String prefix;
    private final long maxIntervalMillis;

    CheckedSink(String prefix, long maxIntervalMillis) {
      this.prefix = prefix;
      this.maxIntervalMillis = maxIntervalMillis;
    }

    @Override
    public void checkSubmission(Context context) {
      context.claimExclusive("test prefix", prefix);
      long interval = context.jobConfiguration().get(CheckpointingOptions.INTERVAL).toMillis();
      if (interval > maxIntervalMillis) {
        throw new IllegalArgumentException("'" + context.operatorName() + "' needs checkpoints at most every "
            + maxIntervalMillis + " ms, not " + interval + " ms");
      }
    }

    @Override
    public SinkWriter<Long> createWriter(WriterInitContext context) {
      WRITERS.incrementAndGet();
      return new SinkWriter<>() {
        @Override
        public void write(Long element, Context context) {}

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }

  @Test
  void twoSinksClaimingTheSamePrefixAreRefusedBeforeAnythingRuns() {
    WRITERS.set(0);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.enableCheckpointing(100);
    var numbers = env.fromSequence(1, 10);
    numbers.sinkTo(new CheckedSink("orders", 1000)).name("first");
    numbers.sinkTo(new CheckedSink("orders", 1000)).name("second");
    assertThatThrownBy(() -> env.execute("refused"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Job refused: 'second' and 'first' both use test prefix 'orders'; give each its own");
    assertThat(WRITERS).hasValue(0);
  }

  @Test
  void aCheckSeesTheJobConfigurationAndItsMessageStopsTheSubmission() throws Exception {
    WRITERS.set(0);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.enableCheckpointing(5000);
    env.fromSequence(1, 10).sinkTo(new CheckedSink("a", 1000)).name("strict");
    assertThatThrownBy(() -> env.execute("refused"))
        .hasMessage("Job refused: 'strict' needs checkpoints at most every 1000 ms, not 5000 ms");
    assertThat(WRITERS).hasValue(0);

    StreamExecutionEnvironment fixed = StreamExecutionEnvironment.createLocalEnvironment(1);
    fixed.enableCheckpointing(500);
    fixed.fromSequence(1, 10).sinkTo(new CheckedSink("a", 1000)).name("strict");
    fixed.execute("accepted");
    assertThat(WRITERS).hasValue(1);
  }
}
