package io.nagare.api.configuration;

import java.time.Duration;

/** Options for every job: parallelism, where jobs run, how long records may wait in buffers. */
public final class CoreOptions {
  private CoreOptions() {}

  public static final ConfigOption<Integer> DEFAULT_PARALLELISM = ConfigOption.key("parallelism.default")
      .intType().defaultValue(1)
      .withDescription("Parallelism of operators that set none and of jobs that set none.");

  public static final ConfigOption<Integer> MAX_PARALLELISM = ConfigOption.key("pipeline.max-parallelism")
      .intType().defaultValue(-1)
      .withDescription("Number of key groups, the upper bound for rescaling keyed state. -1 derives it from the"
          + " parallelism: 1.5 × parallelism rounded up to a power of two, at least 128, at most 32768.");

  public static final ConfigOption<String> EXECUTION_TARGET = ConfigOption.key("execution.target")
      .stringType().defaultValue("local")
      .withDescription("Where execute() runs the job: 'local' runs it in this JVM, 'remote' on the standalone"
          + " cluster at rest.address:rest.port.");

  public static final ConfigOption<String> PIPELINE_JARS = ConfigOption.key("pipeline.jars")
      .stringType().defaultValue("")
      .withDescription("The job's jar, shipped to the cluster by the remote and YARN targets ('nagare run' sets"
          + " it).");

  public static final ConfigOption<Boolean> ATTACHED = ConfigOption.key("execution.attached")
      .booleanType().defaultValue(true)
      .withDescription("Whether 'nagare run' on a cluster waits for the job's end (false: -d, detached).");

  public static final ConfigOption<java.time.Duration> ATTACHED_PROGRESS_INTERVAL = ConfigOption.key(
      "execution.attached.progress-interval").durationType().defaultValue(java.time.Duration.ofSeconds(5))
      .withDescription("How often an attached 'nagare run' on a cluster shows the job's progress (state, records"
          + " per second, last checkpoint) on stderr: one refreshing line on a terminal, a line each time otherwise."
          + " 0: never.");

  public static final ConfigOption<String> LOCAL_EXCHANGE = ConfigOption.key("execution.local.exchange")
      .stringType().defaultValue("memory")
      .withDescription("How the subtasks of a local job exchange records: 'memory' (hand-over in the process) or"
          + " 'network' (through the cluster's data exchange over localhost sockets, with credit-based flow"
          + " control: for testing and measuring the network stack).");

  public static final ConfigOption<Duration> BUFFER_TIMEOUT = ConfigOption.key("execution.buffer-timeout")
      .durationType().defaultValue(Duration.ofMillis(100))
      .withDescription("Longest time a record waits in a partly filled network buffer while its producer is busy."
          + " Producers with nothing to do flush at once, so this bounds latency only under load.");

  public static final ConfigOption<String> STATE_BACKEND = ConfigOption.key("state.backend.type")
      .stringType().defaultValue("hashmap")
      .withDescription("Where keyed state lives: 'hashmap' keeps it on the heap of the task's JVM; 'rocksdb' in an"
          + " embedded RocksDB on local disk, for state larger than memory.");

  public static final ConfigOption<String> ROCKSDB_LOCAL_DIRECTORY = ConfigOption.key("state.backend.rocksdb.localdir")
      .stringType().defaultValue("")
      .withDescription("Local directory for the RocksDB backend's databases; empty means the JVM's temporary"
          + " directory (java.io.tmpdir).");

  public static final ConfigOption<TimerServiceFactory> ROCKSDB_TIMER_SERVICE_FACTORY = ConfigOption.key(
      "state.backend.rocksdb.timer-service.factory").enumType(TimerServiceFactory.class)
      .defaultValue(TimerServiceFactory.ROCKSDB)
      .withDescription("Where keyed operators on the RocksDB backend keep their timers: 'rocksdb' in RocksDB with"
          + " the keyed state (bounded memory; snapshotted with the state, off the subtask's thread); 'heap' on the"
          + " JVM heap (faster to fire; serialised on the subtask's thread at each checkpoint). Either restores"
          + " checkpoints and savepoints written with the other.");

  public static final ConfigOption<Boolean> INCREMENTAL_CHECKPOINTS = ConfigOption.key("state.backend.incremental")
      .booleanType().defaultValue(true)
      .withDescription("RocksDB checkpoints upload only files that earlier checkpoints did not; false writes all"
          + " state in every checkpoint. Savepoints are always complete.");

  public static final ConfigOption<Duration> AUTO_WATERMARK_INTERVAL = ConfigOption.key("pipeline.auto-watermark-interval")
      .durationType().defaultValue(Duration.ofMillis(200))
      .withDescription("How often periodic watermark generators emit (in sources and assignTimestampsAndWatermarks)."
          + " 0 turns periodic emission off; punctuated generators still emit from onEvent.");
}
