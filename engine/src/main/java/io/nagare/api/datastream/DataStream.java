package io.nagare.api.datastream;

import io.nagare.api.connector.sink2.Sink;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.FilterFunction;
import io.nagare.api.functions.FlatMapFunction;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.functions.MapFunction;
import io.nagare.api.functions.ProcessFunction;
import io.nagare.api.functions.SinkFunction;
import io.nagare.api.operators.OneInputStreamOperator;
import io.nagare.api.operators.OneInputStreamOperatorFactory;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.transformations.OneInputTransformation;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.transformations.PartitionTransformation;
import io.nagare.api.transformations.PartitionerKind;
import io.nagare.api.transformations.Transformation;
import io.nagare.api.transformations.UnionTransformation;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.assigners.GlobalWindows;
import io.nagare.api.windowing.assigners.WindowAssigner;
import io.nagare.api.windowing.evictors.CountEvictor;
import io.nagare.api.windowing.triggers.CountTrigger;
import io.nagare.api.windowing.triggers.PurgingTrigger;
import io.nagare.api.windowing.windows.GlobalWindow;
import io.nagare.api.windowing.windows.Window;
import io.nagare.connectors.file.TextOutputSink;
import io.nagare.connectors.print.PrintSinkFunction;
import io.nagare.connectors.sink.SinkOperatorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream of elements of one type, and the operations that derive new streams from it. Nothing
 * runs until the environment's {@code execute}.
 *
 * <pre>{@code
 * DataStream<String> lines = env.readTextFile("hdfs:///logs/app.log");
 * lines.filter(l -> l.contains("ERROR")).map(String::length).print();
 * }</pre>
 *
 * @param <T> element type
 */
public class DataStream<T> {
  protected final StreamExecutionEnvironment environment;
  protected final Transformation<T> transformation;

  public DataStream(StreamExecutionEnvironment environment, Transformation<T> transformation) {
    this.environment = environment;
    this.transformation = transformation;
  }

  public StreamExecutionEnvironment getExecutionEnvironment() {
    return environment;
  }

  public Transformation<T> getTransformation() {
    return transformation;
  }

  /** The element type. */
  public TypeInformation<T> getType() {
    return transformation.getOutputType();
  }

  /** The parallelism, or -1 for the job's default. */
  public int getParallelism() {
    return transformation.getParallelism();
  }

  /** Applies {@code mapper} to each element. */
  public <R> SingleOutputStreamOperator<R> map(MapFunction<T, R> mapper) {
    TypeInformation<R> type = TypeExtractor.getParameterType(mapper, MapFunction.class, 1, true);
    return map(mapper, type);
  }

  /** Applies {@code mapper}, whose results are of {@code outputType}. */
  public <R> SingleOutputStreamOperator<R> map(MapFunction<T, R> mapper, TypeInformation<R> outputType) {
    return transform("Map", new OperatorSpec(OperatorSpec.Kind.MAP, mapper), outputType);
  }

  /** Applies {@code flatMapper} to each element; it emits any number of results. */
  public <R> SingleOutputStreamOperator<R> flatMap(FlatMapFunction<T, R> flatMapper) {
    TypeInformation<R> type = TypeExtractor.getParameterType(flatMapper, FlatMapFunction.class, 1, false);
    return flatMap(flatMapper, type);
  }

  public <R> SingleOutputStreamOperator<R> flatMap(FlatMapFunction<T, R> flatMapper, TypeInformation<R> outputType) {
    return transform("Flat Map", new OperatorSpec(OperatorSpec.Kind.FLAT_MAP, flatMapper), outputType);
  }

  /** Keeps the elements for which {@code filter} returns true. */
  public SingleOutputStreamOperator<T> filter(FilterFunction<T> filter) {
    return transform("Filter", new OperatorSpec(OperatorSpec.Kind.FILTER, filter), getType());
  }

  /** Applies a {@link ProcessFunction}, which may also emit to side outputs. */
  public <R> SingleOutputStreamOperator<R> process(ProcessFunction<T, R> function) {
    TypeInformation<R> type = TypeExtractor.getParameterType(function, ProcessFunction.class, 1, false);
    return process(function, type);
  }

  public <R> SingleOutputStreamOperator<R> process(ProcessFunction<T, R> function, TypeInformation<R> outputType) {
    return transform("Process", new OperatorSpec(OperatorSpec.Kind.PROCESS, function), outputType);
  }

  /**
   * Gives each element the timestamp {@code strategy} extracts and generates watermarks after this
   * operator (upstream watermarks are dropped, except the final one at the end of a bounded input).
   * Prefer a strategy on the source ({@code env.fromSource}), which tracks watermarks per split.
   */
  public SingleOutputStreamOperator<T> assignTimestampsAndWatermarks(WatermarkStrategy<T> strategy) {
    if (strategy == null) {
      throw new IllegalArgumentException("assignTimestampsAndWatermarks: the strategy must not be null");
    }
    OneInputTransformation<T, T> t = new OneInputTransformation<>(transformation, "Timestamps/Watermarks",
        new OperatorSpec(OperatorSpec.Kind.TIMESTAMPS_AND_WATERMARKS, null, strategy), getType(), -1);
    environment.addOperator(t);
    return new SingleOutputStreamOperator<>(environment, t);
  }

  /** Partitions the stream by key: equal keys go to the same subtask and share keyed state. */
  public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> key) {
    TypeInformation<K> keyType = TypeExtractor.getParameterType(key, KeySelector.class, 1, true);
    return keyBy(key, keyType);
  }

  public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> key, TypeInformation<K> keyType) {
    return new KeyedStream<>(this, key, keyType);
  }

  /** Merges this stream with others of the same type. */
  @SafeVarargs
  public final DataStream<T> union(DataStream<T>... others) {
    List<Transformation<T>> inputs = new ArrayList<>();
    inputs.add(transformation);
    for (DataStream<T> other : others) {
      if (!other.getType().equals(getType())) {
        throw new IllegalArgumentException("Cannot union a stream of " + getType() + " with one of " + other.getType());
      }
      inputs.add(other.transformation);
    }
    return new DataStream<>(environment, new UnionTransformation<>(inputs));
  }

  /** Connects this stream with {@code other} for an operator that processes both (co-map, co-process). */
  public <R> ConnectedStreams<T, R> connect(DataStream<R> other) {
    return new ConnectedStreams<>(environment, this, other);
  }

  /** Connects this stream with a broadcast stream: every instance sees every broadcast element. */
  public <R> BroadcastConnectedStream<T, R> connect(BroadcastStream<R> broadcast) {
    return new BroadcastConnectedStream<>(environment, this, broadcast);
  }

  /**
   * This stream as a broadcast stream whose elements may write the broadcast states {@code
   * descriptors} of the operator it is connected to.
   */
  public BroadcastStream<T> broadcast(MapStateDescriptor<?, ?>... descriptors) {
    if (descriptors.length == 0) {
      throw new IllegalArgumentException("broadcast(descriptors...) needs at least one MapStateDescriptor; use"
          + " broadcast() to only send every element to every subtask");
    }
    return new BroadcastStream<>(environment, this, List.of(descriptors));
  }

  /** Starts a window join with {@code other}: {@code join(other).where(..).equalTo(..).window(..).apply(..)}. */
  public <T2> JoinedStreams<T, T2> join(DataStream<T2> other) {
    return new JoinedStreams<>(this, other);
  }

  /** Starts a window co-group with {@code other}: both sides' elements of a key and window together. */
  public <T2> CoGroupedStreams<T, T2> coGroup(DataStream<T2> other) {
    return new CoGroupedStreams<>(this, other);
  }

  /** Windows over the whole stream (not per key), evaluated by one subtask. */
  public <W extends Window> AllWindowedStream<T, W> windowAll(WindowAssigner<? super T, W> assigner) {
    return new AllWindowedStream<>(this, assigner);
  }

  /** Windows of {@code size} elements of the whole stream. */
  public AllWindowedStream<T, GlobalWindow> countWindowAll(long size) {
    return windowAll(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.<GlobalWindow>of(size)));
  }

  /** Windows of the last {@code size} elements of the whole stream, every {@code slide} elements. */
  public AllWindowedStream<T, GlobalWindow> countWindowAll(long size, long slide) {
    return windowAll(GlobalWindows.create()).evictor(CountEvictor.<GlobalWindow>of(size))
        .trigger(CountTrigger.<GlobalWindow>of(slide));
  }

  /** Distributes elements round-robin over the next operator's subtasks. */
  public DataStream<T> rebalance() {
    return partition(PartitionerKind.REBALANCE);
  }

  /** Distributes elements uniformly at random over the next operator's subtasks. */
  public DataStream<T> shuffle() {
    return partition(PartitionerKind.SHUFFLE);
  }

  /** Sends every element to every subtask of the next operator. */
  public DataStream<T> broadcast() {
    return partition(PartitionerKind.BROADCAST);
  }

  /** Sends each subtask's elements to the next operator's subtask of the same index. */
  public DataStream<T> forward() {
    return partition(PartitionerKind.FORWARD);
  }

  /** Round-robin over a subset of the next operator's subtasks, so fewer channels are used. */
  public DataStream<T> rescale() {
    return partition(PartitionerKind.RESCALE);
  }

  /** Sends all elements to the next operator's first subtask. */
  public DataStream<T> global() {
    return partition(PartitionerKind.GLOBAL);
  }

  private DataStream<T> partition(PartitionerKind kind) {
    return new DataStream<>(environment, new PartitionTransformation<>(transformation, kind));
  }

  /** Prints each element's {@code toString()} to standard out, prefixed by the subtask if parallel. */
  public DataStreamSink<T> print() {
    return addSink(new PrintSinkFunction<>(false, null)).name("Print to Std. Out");
  }

  /** Prints each element prefixed by {@code sinkIdentifier}. */
  public DataStreamSink<T> print(String sinkIdentifier) {
    return addSink(new PrintSinkFunction<>(false, sinkIdentifier)).name("Print to Std. Out");
  }

  /** Prints each element to standard error. */
  public DataStreamSink<T> printToErr() {
    return addSink(new PrintSinkFunction<>(true, null)).name("Print to Std. Err");
  }

  /**
   * Writes each element's {@code toString()} as a line to {@code path} on any Hadoop file system
   * (one file per subtask if parallel); the output appears only once the input has ended.
   */
  public DataStreamSink<T> writeAsText(String path) {
    return addSink(new TextOutputSink<>(path)).name("Text File Sink (" + path + ")");
  }

  /** Writes each element with {@code sink}. */
  public DataStreamSink<T> addSink(SinkFunction<T> sink) {
    OneInputTransformation<T, Void> t = new OneInputTransformation<>(transformation, "Sink: Unnamed",
        new OperatorSpec(OperatorSpec.Kind.SINK, sink), null, -1);
    configureKeyed(t);
    environment.addOperator(t);
    return new DataStreamSink<>(t);
  }

  /**
   * Writes each element with {@code sink} (the sink API of {@code io.nagare.api.connector.sink2}):
   * a writer per subtask and, for two-phase sinks, commits when checkpoints complete.
   *
   * <pre>{@code
   * stream.sinkTo(FileSink.forRowFormat("hdfs:///out").build()).name("files");
   * }</pre>
   */
  public DataStreamSink<T> sinkTo(Sink<T> sink) {
    OneInputTransformation<T, Void> t = new OneInputTransformation<>(transformation, "Sink: Unnamed",
        new OperatorSpec(OperatorSpec.Kind.CUSTOM, null, new SinkOperatorFactory<>(sink)), null, -1);
    configureKeyed(t);
    environment.addOperator(t);
    return new DataStreamSink<>(t);
  }

  /**
   * Applies {@code operator}, an operator written against the public operator API; each subtask
   * gets its own deserialised copy.
   */
  public <R> SingleOutputStreamOperator<R> transform(String operatorName, TypeInformation<R> outputType,
      OneInputStreamOperator<T, R> operator) {
    if (operator == null) {
      throw new IllegalArgumentException("transform('" + operatorName + "'): the operator must not be null");
    }
    return transform(operatorName, outputType, new CopyingOperatorFactory<>(operator));
  }

  /** Applies the operator {@code factory} creates in each subtask. */
  public <R> SingleOutputStreamOperator<R> transform(String operatorName, TypeInformation<R> outputType,
      OneInputStreamOperatorFactory<T, R> factory) {
    if (factory == null) {
      throw new IllegalArgumentException("transform('" + operatorName + "'): the operator factory must not be null");
    }
    return transform(operatorName, new OperatorSpec(OperatorSpec.Kind.CUSTOM, null, factory), outputType);
  }

  /** Hands each subtask the operator it was given: the plan ships a serialised copy per subtask. */
  private static final class CopyingOperatorFactory<IN, OUT> implements OneInputStreamOperatorFactory<IN, OUT> {
    private static final long serialVersionUID = 1L;
    private final OneInputStreamOperator<IN, OUT> operator;

    CopyingOperatorFactory(OneInputStreamOperator<IN, OUT> operator) {
      this.operator = operator;
    }

    @Override
    public OneInputStreamOperator<IN, OUT> createOperator() {
      return operator;
    }

    @Override
    public String toString() {
      return operator.getClass().getName();
    }
  }

  /** Adds a one-input operator; keyed streams make it keyed. */
  protected <R> SingleOutputStreamOperator<R> transform(String name, OperatorSpec operator, TypeInformation<R> outputType) {
    OneInputTransformation<T, R> t = new OneInputTransformation<>(transformation, name, operator, outputType, -1);
    configureKeyed(t);
    environment.addOperator(t);
    return new SingleOutputStreamOperator<>(environment, t);
  }

  /** Hook for keyed streams to attach their key to the operators applied to them. */
  protected void configureKeyed(OneInputTransformation<T, ?> operator) {}
}
