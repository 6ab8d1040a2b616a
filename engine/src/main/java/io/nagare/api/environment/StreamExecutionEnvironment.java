package io.nagare.api.environment;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.datastream.DataStreamSource;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.source.Source;
import io.nagare.api.transformations.SourceTransformation;
import io.nagare.api.transformations.Transformation;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.collection.CollectionSource;
import io.nagare.connectors.file.TextFileSource;
import io.nagare.connectors.sequence.NumberSequenceSource;
import io.nagare.connectors.socket.SocketTextSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The entry point of a streaming program: it creates sources, collects the transformations the
 * program applies to them, and runs them as a job on {@link #execute}.
 *
 * <pre>{@code
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
 * env.fromSequence(1, 1000).map(x -> x * 2).filter(x -> x % 3 != 0).print();
 * env.execute("doubled");
 * }</pre>
 *
 * <p>Where the job runs depends on how the program was started: run directly it runs in this JVM;
 * run through {@code scripts/nagare run} it runs where the command line points ({@code
 * execution.target}). Used from the program's main thread only.
 */
public class StreamExecutionEnvironment {
  private static final String DEFAULT_JOB_NAME = "nagare job";
  private static StreamExecutionEnvironmentFactory contextFactory;

  private final Configuration configuration;
  private final ClassLoader userClassLoader;
  private final List<Transformation<?>> transformations = new ArrayList<>();

  protected StreamExecutionEnvironment(Configuration configuration, ClassLoader userClassLoader) {
    this.configuration = new Configuration(configuration);
    this.userClassLoader = userClassLoader;
  }

  /**
   * The environment of the context the program runs in: the one the command line set up, or a
   * local environment.
   */
  public static synchronized StreamExecutionEnvironment getExecutionEnvironment() {
    if (contextFactory != null) {
      return contextFactory.createExecutionEnvironment();
    }
    return createLocalEnvironment();
  }

  /** An environment that runs jobs in this JVM with the default parallelism. */
  public static StreamExecutionEnvironment createLocalEnvironment() {
    return createLocalEnvironment(new Configuration());
  }

  /** An environment that runs jobs in this JVM with {@code parallelism}. */
  public static StreamExecutionEnvironment createLocalEnvironment(int parallelism) {
    return createLocalEnvironment(new Configuration().set(CoreOptions.DEFAULT_PARALLELISM, parallelism));
  }

  /** An environment that runs jobs in this JVM with {@code configuration}. */
  public static StreamExecutionEnvironment createLocalEnvironment(Configuration configuration) {
    Configuration local = new Configuration(configuration).set(CoreOptions.EXECUTION_TARGET, "local");
    return new StreamExecutionEnvironment(local, Thread.currentThread().getContextClassLoader());
  }

  /**
   * An environment that submits jobs to the standalone cluster whose job manager serves REST at
   * {@code host:port}, shipping {@code jarFile} (the job's code) with each, as Flink's {@code
   * createRemoteEnvironment}.
   */
  public static StreamExecutionEnvironment createRemoteEnvironment(String host, int port, String jarFile) {
    return createRemoteEnvironment(host, port, new Configuration(), jarFile);
  }

  /**
   * As {@link #createRemoteEnvironment(String, int, String)}, with the client's settings in {@code
   * clientConfiguration} (such as {@code cluster.secret-file}, the cluster secret a submission must
   * present).
   */
  public static StreamExecutionEnvironment createRemoteEnvironment(String host, int port,
      Configuration clientConfiguration, String jarFile) {
    Configuration remote = new Configuration(clientConfiguration).set(CoreOptions.EXECUTION_TARGET, "remote")
        .set(io.nagare.api.configuration.ClusterOptions.REST_ADDRESS, host)
        .set(io.nagare.api.configuration.ClusterOptions.REST_PORT, String.valueOf(port))
        .set(CoreOptions.PIPELINE_JARS, jarFile);
    return new StreamExecutionEnvironment(remote, Thread.currentThread().getContextClassLoader());
  }

  /** Makes {@link #getExecutionEnvironment()} return environments from {@code factory} (for launchers). */
  public static synchronized void initializeContextEnvironment(StreamExecutionEnvironmentFactory factory) {
    contextFactory = Objects.requireNonNull(factory);
  }

  /** Undoes {@link #initializeContextEnvironment}. */
  public static synchronized void resetContextEnvironment() {
    contextFactory = null;
  }

  // ---- settings ----

  /** Sets the parallelism of operators that set none. */
  public StreamExecutionEnvironment setParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("Parallelism must be at least 1, was " + parallelism);
    }
    configuration.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    return this;
  }

  public int getParallelism() {
    return configuration.get(CoreOptions.DEFAULT_PARALLELISM);
  }

  /** Sets the number of key groups: the upper bound for rescaling keyed state later. */
  public StreamExecutionEnvironment setMaxParallelism(int maxParallelism) {
    if (maxParallelism < 1 || maxParallelism > 32768) {
      throw new IllegalArgumentException("Max parallelism must be between 1 and 32768, was " + maxParallelism);
    }
    configuration.set(CoreOptions.MAX_PARALLELISM, maxParallelism);
    return this;
  }

  /** The configured max parallelism, or -1 if it is derived from the parallelism. */
  public int getMaxParallelism() {
    return configuration.get(CoreOptions.MAX_PARALLELISM);
  }

  /**
   * Sets how long a record may wait in a partly filled buffer while its producer is busy (in
   * milliseconds); 0 flushes after every record.
   */
  public StreamExecutionEnvironment setBufferTimeout(long millis) {
    configuration.set(CoreOptions.BUFFER_TIMEOUT, Duration.ofMillis(millis));
    return this;
  }

  /** The environment's configuration; changes apply to jobs executed afterwards. */
  /** Takes a checkpoint every {@code intervalMillis}, exactly once. */
  public StreamExecutionEnvironment enableCheckpointing(long intervalMillis) {
    return enableCheckpointing(intervalMillis, CheckpointingMode.EXACTLY_ONCE);
  }

  /** Takes a checkpoint every {@code intervalMillis} with {@code mode}. */
  public StreamExecutionEnvironment enableCheckpointing(long intervalMillis, CheckpointingMode mode) {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("The checkpoint interval must be positive, not " + intervalMillis + " ms");
    }
    configuration.set(CheckpointingOptions.INTERVAL, java.time.Duration.ofMillis(intervalMillis));
    configuration.set(CheckpointingOptions.MODE, mode.name());
    return this;
  }

  /** The checkpoint settings, backed by this environment's configuration. */
  public CheckpointConfig getCheckpointConfig() {
    return new CheckpointConfig(configuration);
  }

  public Configuration getConfiguration() {
    return configuration;
  }

  /** Adds {@code other}'s settings to this environment's. */
  public StreamExecutionEnvironment configure(Configuration other) {
    configuration.addAll(other);
    return this;
  }

  public ClassLoader getUserClassLoader() {
    return userClassLoader;
  }

  // ---- sources ----

  /** The numbers {@code from} to {@code to}, both included, split evenly over the source's subtasks. */
  public DataStreamSource<Long> fromSequence(long from, long to) {
    if (from > to) {
      throw new IllegalArgumentException("fromSequence needs from <= to, was " + from + " > " + to);
    }
    return fromSource(new NumberSequenceSource(from, to), WatermarkStrategy.noWatermarks(), "Sequence Source",
        Types.LONG);
  }

  /** The given elements, in order, from a source of parallelism 1. Their type is the first's class. */
  @SafeVarargs
  public final <T> DataStreamSource<T> fromElements(T... elements) {
    if (elements.length == 0) {
      throw new IllegalArgumentException("fromElements needs at least one element (or use fromElements(Class, ...))");
    }
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) elements[0].getClass();
    return fromCollection(Arrays.asList(elements), TypeExtractor.createTypeInfo(type));
  }

  /** The given elements of {@code type} (may be a common superclass), in order. */
  @SafeVarargs
  public final <T> DataStreamSource<T> fromElements(Class<T> type, T... elements) {
    return fromCollection(Arrays.asList(elements), TypeExtractor.createTypeInfo(type));
  }

  /** The collection's elements, in order; the type is taken from the first element. */
  public <T> DataStreamSource<T> fromCollection(Collection<T> data) {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("fromCollection needs a non-empty collection, or a type: fromCollection(data, type)");
    }
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) data.iterator().next().getClass();
    return fromCollection(data, TypeExtractor.createTypeInfo(type));
  }

  /** The collection's elements, in order, as {@code type}. */
  public <T> DataStreamSource<T> fromCollection(Collection<T> data, TypeInformation<T> type) {
    for (T element : data) {
      if (element == null) {
        throw new IllegalArgumentException("fromCollection/fromElements: elements must not be null");
      }
    }
    DataStreamSource<T> source = fromSource(new CollectionSource<>(data, type), WatermarkStrategy.noWatermarks(),
        "Collection Source", type);
    source.setParallelism(1);
    return source;
  }

  /**
   * The lines of a text file, or of all files in a directory, on any Hadoop file system ({@code
   * file:///…}, {@code hdfs://…}; a path without a scheme is local). Files are split into byte
   * ranges read in parallel.
   */
  public DataStreamSource<String> readTextFile(String path) {
    return fromSource(new TextFileSource(path), WatermarkStrategy.noWatermarks(), "Text File Source (" + path + ")",
        Types.STRING);
  }

  /** Lines read from a TCP socket until the peer closes it; parallelism 1. */
  public DataStreamSource<String> socketTextStream(String hostname, int port) {
    return socketTextStream(hostname, port, "\n");
  }

  /** Text read from a TCP socket, split at {@code delimiter}; parallelism 1. */
  public DataStreamSource<String> socketTextStream(String hostname, int port, String delimiter) {
    DataStreamSource<String> source = fromSource(new SocketTextSource(hostname, port, delimiter),
        WatermarkStrategy.noWatermarks(), "Socket Stream (" + hostname + ":" + port + ")", Types.STRING);
    source.setParallelism(1);
    return source;
  }

  /**
   * Reads {@code source}; the record type is the source's own ({@link
   * io.nagare.api.typeinfo.ResultTypeQueryable}) or else taken from its class where possible.
   */
  @SuppressWarnings("unchecked")
  public <T> DataStreamSource<T> fromSource(Source<T, ?, ?> source, WatermarkStrategy<T> watermarks, String name) {
    TypeInformation<T> type = source instanceof io.nagare.api.typeinfo.ResultTypeQueryable
        ? ((io.nagare.api.typeinfo.ResultTypeQueryable<T>) source).getProducedType()
        : TypeExtractor.getParameterType(source, Source.class, 0, true);
    return fromSource(source, watermarks, name, type);
  }

  /** Reads {@code source} producing records of {@code type}. */
  public <T> DataStreamSource<T> fromSource(Source<T, ?, ?> source, WatermarkStrategy<T> watermarks, String name,
      TypeInformation<T> type) {
    SourceTransformation<T> t = new SourceTransformation<>(name, source, watermarks, type, -1);
    addOperator(t);
    return new DataStreamSource<>(this, t);
  }

  // ---- running ----

  /** Records a transformation; called by the DataStream API. */
  public void addOperator(Transformation<?> transformation) {
    transformations.add(Objects.requireNonNull(transformation));
  }

  /** The transformations recorded since the last execute. */
  public List<Transformation<?>> getTransformations() {
    return List.copyOf(transformations);
  }

  /** Runs the program's job, named {@value #DEFAULT_JOB_NAME}. */
  public JobExecutionResult execute() throws Exception {
    return execute(DEFAULT_JOB_NAME);
  }

  /**
   * Runs the job built so far and waits for it to end (bounded jobs end when their sources do).
   * The recorded transformations are cleared, so the environment can build the next job.
   *
   * @throws io.nagare.api.common.JobExecutionException if the job fails: its cause is the original
   *     exception, its message names the operator and subtask
   * @throws IllegalStateException if no operators were defined
   * @throws IllegalArgumentException if a source's or sink's {@link
   *     io.nagare.api.connector.SubmissionCheck} refuses the job (nothing was submitted)
   */
  public JobExecutionResult execute(String jobName) throws Exception {
    if (transformations.isEmpty()) {
      throw new IllegalStateException("No operators defined in the streaming program: nothing to execute.");
    }
    SubmissionChecks.run(transformations, configuration);
    Pipeline pipeline = new Pipeline(jobName, transformations, configuration, userClassLoader);
    transformations.clear();
    return findExecutor().execute(pipeline);
  }

  /**
   * Starts the job built so far and returns a handle on it (for savepoints, stopping, cancelling,
   * or waiting for the result). The recorded transformations are cleared.
   */
  public JobClient executeAsync(String jobName) throws Exception {
    if (transformations.isEmpty()) {
      throw new IllegalStateException("No operators defined in the streaming program: nothing to execute.");
    }
    SubmissionChecks.run(transformations, configuration);
    Pipeline pipeline = new Pipeline(jobName, transformations, configuration, userClassLoader);
    transformations.clear();
    return findExecutor().executeAsync(pipeline);
  }

  private PipelineExecutor findExecutor() {
    String target = configuration.get(CoreOptions.EXECUTION_TARGET);
    List<String> known = new ArrayList<>();
    for (PipelineExecutorFactory f : ServiceLoader.load(PipelineExecutorFactory.class, StreamExecutionEnvironment.class.getClassLoader())) {
      if (f.target().equals(target)) {
        return f.create(configuration);
      }
      known.add(f.target());
    }
    throw new IllegalStateException("No executor for execution.target '" + target + "'; known targets: " + known);
  }
}
