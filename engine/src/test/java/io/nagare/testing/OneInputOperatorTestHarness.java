package io.nagare.testing;

import io.nagare.api.common.Accumulator;
import io.nagare.api.common.OutputTag;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.functions.FilterFunction;
import io.nagare.api.functions.FlatMapFunction;
import io.nagare.api.functions.Function;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.MapFunction;
import io.nagare.api.functions.ProcessFunction;
import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.functions.SinkFunction;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.metrics.MetricRegistry;
import io.nagare.runtime.checkpoint.JobRestore;
import io.nagare.runtime.mailbox.TaskMailbox;
import io.nagare.runtime.operators.AbstractStreamOperator;
import io.nagare.runtime.operators.OperatorContext;
import io.nagare.runtime.operators.OperatorFactory;
import io.nagare.runtime.operators.OperatorSnapshot;
import io.nagare.runtime.operators.Output;
import io.nagare.runtime.operators.SideOutputs;
import io.nagare.runtime.operators.TaskInfoImpl;
import io.nagare.runtime.streamrecord.Timestamps;
import io.nagare.runtime.streamrecord.WatermarkStatus;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.serialization.SerializerFactory;
import io.nagare.state.KeyGroupRangeAssignment;
import io.nagare.state.KeyedStateBackendFactory;
import io.nagare.state.SnapshotTarget;
import io.nagare.state.StateBackends;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one operator of the DataStream API by hand, without threads or a job: feed elements,
 * watermarks and processing time, then inspect exactly what it emitted (records with timestamps and
 * watermarks, in order) and what it keeps (keyed state entries, timers). The test's thread plays
 * the subtask's thread; mails the operator posts run after each call.
 *
 * <pre>{@code
 * var h = OneInputOperatorTestHarness.forKeyedProcess(new CountPerKey(), String::trim, Types.STRING, Types.STRING);
 * h.open();
 * h.processElement("a", 10);
 * h.setProcessingTime(1000);
 * assertThat(h.extractOutputValues()).containsExactly("a=1");
 * }</pre>
 */
public final class OneInputOperatorTestHarness<IN, OUT> {
  private final AbstractStreamOperator<Object> operator;
  private final Output<Object> input;
  private final ManualProcessingTimeService clock = new ManualProcessingTimeService();
  private final TaskMailbox mailbox = new TaskMailbox();
  private final CollectingOutput<OUT> output = new CollectingOutput<>();
  private final Map<String, CollectingOutput<?>> sideOutputs = new HashMap<>();
  private final KeySelector<?, ?> keySelector;
  private final TypeInformation<?> keyType;
  private final int maxParallelism;
  private final Map<String, Accumulator<?, ?>> accumulators = new HashMap<>();
  private KeyedStateBackendFactory stateBackendFactory = StateBackends.fromConfiguration(new Configuration());
  private boolean opened;
  private int subtaskIndex;
  private int parallelism = 1;

  /** One element or watermark as the operator emitted it. */
  public static final class Emitted {
    private final Object value;
    private final long timestamp;
    private final boolean watermark;

    Emitted(Object value, long timestamp, boolean watermark) {
      this.value = value;
      this.timestamp = timestamp;
      this.watermark = watermark;
    }

    public static Emitted record(Object value, long timestamp) {
      return new Emitted(value, timestamp, false);
    }

    public static Emitted record(Object value) {
      return new Emitted(value, Timestamps.NO_TIMESTAMP, false);
    }

    public static Emitted watermark(long timestamp) {
      return new Emitted(null, timestamp, true);
    }

    public Object value() {
      return value;
    }

    public long timestamp() {
      return timestamp;
    }

    public boolean isWatermark() {
      return watermark;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Emitted && ((Emitted) o).watermark == watermark && ((Emitted) o).timestamp == timestamp
          && java.util.Objects.equals(((Emitted) o).value, value);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(value, timestamp, watermark);
    }

    @Override
    public String toString() {
      if (watermark) {
        return "Watermark(" + timestamp + ")";
      }
      return "Record(" + value + (timestamp == Timestamps.NO_TIMESTAMP ? "" : " @" + timestamp) + ")";
    }
  }

  private static final class CollectingOutput<T> implements Output<T> {
    final List<Emitted> emitted = new ArrayList<>();
    final List<WatermarkStatus> statuses = new ArrayList<>();

    @Override
    public void collect(T record, long timestamp) {
      emitted.add(new Emitted(record, timestamp, false));
    }

    @Override
    public void emitWatermark(long watermark) {
      emitted.add(new Emitted(null, watermark, true));
    }

    @Override
    public void emitWatermarkStatus(WatermarkStatus status) {
      statuses.add(status);
    }
  }

  private OneInputOperatorTestHarness(OperatorSpec spec, TypeInformation<IN> inputType, KeySelector<IN, ?> keySelector,
      TypeInformation<?> keyType, int maxParallelism) {
    this(OperatorFactory.create(spec, inputType), keySelector, keyType, maxParallelism);
  }

  /** Around an operator already created; {@link TwoInputOperatorTestHarness} feeds two-input ones itself. */
  @SuppressWarnings("unchecked")
  OneInputOperatorTestHarness(AbstractStreamOperator<Object> operator, KeySelector<?, ?> keySelector,
      TypeInformation<?> keyType, int maxParallelism) {
    this.operator = operator;
    this.input = operator instanceof Output ? (Output<Object>) operator : null;
    this.keySelector = keySelector;
    this.keyType = keyType;
    this.maxParallelism = maxParallelism;
  }

  /** A harness for any operator kind; keyed if {@code keySelector} is not null. */
  public static <IN, OUT> OneInputOperatorTestHarness<IN, OUT> of(OperatorSpec.Kind kind, Function function,
      TypeInformation<IN> inputType, KeySelector<IN, ?> keySelector, TypeInformation<?> keyType) {
    return new OneInputOperatorTestHarness<>(new OperatorSpec(kind, function), inputType, keySelector, keyType, 128);
  }

  /** A harness for a non-keyed operator described by {@code spec} (kinds driven by settings, say). */
  public static <IN, OUT> OneInputOperatorTestHarness<IN, OUT> forSpec(OperatorSpec spec, TypeInformation<IN> inputType) {
    return new OneInputOperatorTestHarness<>(spec, inputType, null, null, 128);
  }

  /** A harness for a keyed operator described by {@code spec} (windows, say). */
  public static <K, IN, OUT> OneInputOperatorTestHarness<IN, OUT> forKeyedSpec(OperatorSpec spec,
      KeySelector<IN, K> key, TypeInformation<K> keyType, TypeInformation<IN> inputType) {
    return new OneInputOperatorTestHarness<>(spec, inputType, key, keyType, 128);
  }

  public static <IN, OUT> OneInputOperatorTestHarness<IN, OUT> forMap(MapFunction<IN, OUT> fn, TypeInformation<IN> in) {
    return of(OperatorSpec.Kind.MAP, fn, in, null, null);
  }

  public static <IN, OUT> OneInputOperatorTestHarness<IN, OUT> forFlatMap(FlatMapFunction<IN, OUT> fn,
      TypeInformation<IN> in) {
    return of(OperatorSpec.Kind.FLAT_MAP, fn, in, null, null);
  }

  public static <T> OneInputOperatorTestHarness<T, T> forFilter(FilterFunction<T> fn, TypeInformation<T> in) {
    return of(OperatorSpec.Kind.FILTER, fn, in, null, null);
  }

  public static <IN, OUT> OneInputOperatorTestHarness<IN, OUT> forProcess(ProcessFunction<IN, OUT> fn,
      TypeInformation<IN> in) {
    return of(OperatorSpec.Kind.PROCESS, fn, in, null, null);
  }

  public static <K, IN, OUT> OneInputOperatorTestHarness<IN, OUT> forKeyedProcess(KeyedProcessFunction<K, IN, OUT> fn,
      KeySelector<IN, K> key, TypeInformation<K> keyType, TypeInformation<IN> in) {
    return of(OperatorSpec.Kind.KEYED_PROCESS, fn, in, key, keyType);
  }

  public static <K, T> OneInputOperatorTestHarness<T, T> forKeyedReduce(ReduceFunction<T> fn, KeySelector<T, K> key,
      TypeInformation<K> keyType, TypeInformation<T> in) {
    return of(OperatorSpec.Kind.KEYED_REDUCE, fn, in, key, keyType);
  }

  public static <T> OneInputOperatorTestHarness<T, Void> forSink(SinkFunction<T> fn, TypeInformation<T> in) {
    return of(OperatorSpec.Kind.SINK, fn, in, null, null);
  }

  /** Uses another state backend (before {@link #open()}). */
  public OneInputOperatorTestHarness<IN, OUT> withStateBackend(KeyedStateBackendFactory factory) {
    this.stateBackendFactory = factory;
    return this;
  }

  /**
   * Takes the operator's part of a checkpoint (keyed state, timers) as the runtime would; give the
   * bytes to {@link #restore} of a new harness to continue from here.
   */
  public byte[] snapshot(long checkpointId) throws Exception {
    return snapshot(checkpointId, SavepointTarget.INSTANCE);
  }

  /**
   * Takes a checkpoint (or, if {@code target} says so, a savepoint) whose shared files go through
   * {@code target}, as the runtime's checkpoint I/O thread would.
   */
  public byte[] snapshot(long checkpointId, SnapshotTarget target) throws Exception {
    checkOpen();
    OperatorSnapshot snapshot = operator.snapshotState(checkpointId, checkpointId, target.isSavepoint());
    try {
      DataOutputSerializer out = new DataOutputSerializer(1024);
      snapshot.write(out, target);
      return out.getCopyOfBuffer();
    } finally {
      snapshot.release();
    }
  }

  /** Tells the operator that checkpoint {@code checkpointId} is complete. */
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    checkOpen();
    operator.notifyCheckpointComplete(checkpointId);
  }

  /**
   * Restores snapshots taken by {@link #snapshot} (of one or several parallel instances) before
   * {@link #open()}; this harness is subtask {@code subtaskIndex} of {@code parallelism}.
   */
  public OneInputOperatorTestHarness<IN, OUT> restore(List<byte[]> snapshots, int subtaskIndex, int parallelism)
      throws Exception {
    operator.setRestore(JobRestore.fromOperatorSnapshots(snapshots, subtaskIndex, parallelism));
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
    return this;
  }

  /** Runs the operator as subtask {@code subtaskIndex} of {@code parallelism} without restoring (before {@link #open()}). */
  public OneInputOperatorTestHarness<IN, OUT> asSubtask(int subtaskIndex, int parallelism) {
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
    return this;
  }

  /** Restores one snapshot of a single-instance operator. */
  public OneInputOperatorTestHarness<IN, OUT> restore(byte[] snapshot) throws Exception {
    return restore(List.of(snapshot), 0, 1);
  }

  /** Captures side output {@code tag} (before {@link #open()}). */
  public OneInputOperatorTestHarness<IN, OUT> withSideOutput(OutputTag<?> tag) {
    sideOutputs.put(tag.getId(), new CollectingOutput<>());
    return this;
  }

  /** Sets up and opens the operator (as subtask 1 of 1 unless restored as another). */
  @SuppressWarnings("unchecked")
  public void open() throws Exception {
    TaskInfoImpl info = new TaskInfoImpl("harness", subtaskIndex, parallelism, maxParallelism, 0);
    OperatorContext ctx = new OperatorContext("TestOperator", "test-operator", info,
        new MetricRegistry().taskManagerGroup("harness").addJob("harness", "harness")
            .addTask(0, "harness", subtaskIndex, 0).addOperator("test-operator", "TestOperator"), clock, mailbox, getClass().getClassLoader(), accumulators,
        stateBackendFactory, KeyGroupRangeAssignment.rangeForOperatorIndex(maxParallelism, parallelism, subtaskIndex));
    Map<String, Output<?>> side = new HashMap<>(sideOutputs);
    operator.setup(ctx, (Output<Object>) (Output<?>) output, new SideOutputs(side), keySelector,
        keyType == null ? null : SerializerFactory.create(keyType), maxParallelism);
    operator.open();
    opened = true;
    runMails();
  }

  void checkOpen() {
    if (!opened) {
      throw new IllegalStateException("Call open() first");
    }
  }

  public void processElement(IN value) throws Exception {
    processElement(value, Timestamps.NO_TIMESTAMP);
  }

  public void processElement(IN value, long timestamp) throws Exception {
    checkOpen();
    input.collect(value, timestamp);
    runMails();
  }

  public void processWatermark(long watermark) throws Exception {
    checkOpen();
    operator.processWatermark(watermark);
    runMails();
  }

  /** The input became idle or active again. */
  public void processWatermarkStatus(WatermarkStatus status) throws Exception {
    checkOpen();
    operator.processWatermarkStatus(status);
    runMails();
  }

  /** The watermark statuses emitted on the main output, in order. */
  public List<WatermarkStatus> getWatermarkStatuses() {
    return List.copyOf(output.statuses);
  }

  /** Moves processing time and fires due timers. */
  public void setProcessingTime(long time) throws Exception {
    checkOpen();
    clock.setCurrentTime(time);
    runMails();
  }

  /** Ends the input: finishes and closes the operator. */
  public void close() throws Exception {
    if (opened) {
      operator.finish();
      operator.close();
      opened = false;
    }
  }

  void runMails() throws Exception {
    TaskMailbox.Mail m;
    while ((m = mailbox.tryTake()) != null) {
      m.run();
    }
  }

  /** Everything emitted on the main output, in order. */
  public List<Emitted> getOutput() {
    return List.copyOf(output.emitted);
  }

  /** The values of the records emitted on the main output, in order. */
  @SuppressWarnings("unchecked")
  public List<OUT> extractOutputValues() {
    List<OUT> values = new ArrayList<>();
    for (Emitted e : output.emitted) {
      if (!e.watermark) {
        values.add((OUT) e.value);
      }
    }
    return values;
  }

  /** The values emitted to side output {@code tag} (registered with {@link #withSideOutput}). */
  @SuppressWarnings("unchecked")
  public <X> List<X> getSideOutput(OutputTag<X> tag) {
    CollectingOutput<?> out = sideOutputs.get(tag.getId());
    if (out == null) {
      throw new IllegalArgumentException("Side output " + tag.getId() + " was not registered with withSideOutput()");
    }
    List<X> values = new ArrayList<>();
    for (Emitted e : out.emitted) {
      if (!e.watermark) {
        values.add((X) e.value);
      }
    }
    return values;
  }

  /** Forgets what was emitted so far. */
  public void clearOutput() {
    output.emitted.clear();
  }

  public AbstractStreamOperator<Object> getOperator() {
    return operator;
  }

  /** Entries in keyed state (keyed operators). */
  public int numKeyedStateEntries() {
    return operator.getKeyedStateBackend().numKeyValueStateEntries();
  }

  public int numProcessingTimeTimers() {
    return operator.getTimerService() == null ? 0 : operator.getTimerService().numProcessingTimeTimers();
  }

  public int numEventTimeTimers() {
    return operator.getTimerService() == null ? 0 : operator.getTimerService().numEventTimeTimers();
  }

  public long getProcessingTime() {
    return clock.getCurrentProcessingTime();
  }

  public Map<String, Accumulator<?, ?>> getAccumulators() {
    return accumulators;
  }
}
