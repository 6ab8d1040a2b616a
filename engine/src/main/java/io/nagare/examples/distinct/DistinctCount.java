package io.nagare.examples.distinct;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.common.LongCounter;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.RichSinkFunction;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.utils.ParameterTool;

/**
 * Counts distinct strings in a generated stream, with one piece of keyed state per string: the
 * large-keyed-state job of the benchmark (workload W3). Record {@code i} is a deterministic
 * pseudo-random string of {@code --length} letters (default 100); {@code --records} (default
 * 100000) records are generated. Prints {@code records=N distinct=D}.
 */
public final class DistinctCount {
  private DistinctCount() {}

  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    long records = params.getLong("records", 100_000);
    int length = params.getInt("length", 100);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

    env.fromSequence(1, records)
        .map(i -> randomString(i, length)).name("Generate")
        .keyBy(s -> s)
        .process(new FirstSight()).name("First sight")
        .addSink(new CountingSink()).name("Count distinct");

    JobExecutionResult result = env.execute("DistinctCount");
    long distinct = result.getAccumulatorResult(CountingSink.ACCUMULATOR);
    System.out.println("records=" + records + " distinct=" + distinct);
  }

  /**
   * The string of record {@code i}: start with {@code x = i * 0x9E3779B97F4A7C15}; {@code length}
   * times do {@code x ^= x << 13; x ^= x >>> 7; x ^= x << 17} and append {@code 'a' +
   * floorMod(x >>> 33, 26)}.
   */
  public static String randomString(long i, int length) {
    long x = i * 0x9E3779B97F4A7C15L;
    char[] chars = new char[length];
    for (int k = 0; k < length; k++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      chars[k] = (char) ('a' + Math.floorMod(x >>> 33, 26));
    }
    return new String(chars);
  }

  /** Emits 1 the first time a key is seen. */
  public static final class FirstSight extends KeyedProcessFunction<String, String, Long> {
    private transient ValueState<Boolean> seen;

    @Override
    public void open(OpenContext ctx) {
      seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
    }

    @Override
    public void processElement(String value, Context ctx, Collector<Long> out) throws Exception {
      if (seen.value() == null) {
        seen.update(true);
        out.collect(1L);
      }
    }
  }

  /** Counts what reaches it in an accumulator. */
  public static final class CountingSink extends RichSinkFunction<Long> {
    static final String ACCUMULATOR = "distinct";
    private transient LongCounter counter;

    @Override
    public void open(OpenContext ctx) {
      counter = new LongCounter();
      getRuntimeContext().addAccumulator(ACCUMULATOR, counter);
    }

    @Override
    public void invoke(Long value, Context context) {
      counter.add(value);
    }
  }
}
