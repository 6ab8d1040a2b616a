package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints on HDFS (a MiniDFSCluster): written, listed in their metadata, and restored from. */
class HdfsCheckpointIT {
  private static MiniDFSCluster hdfs;
  private static String checkpoints;

  @BeforeAll
  static void startHdfs(@TempDir Path base) throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitClusterUp();
    checkpoints = hdfs.getURI() + "/nagare/checkpoints";
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  /** Counts per key and emits the counts at the end. */
  static final class Count extends KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
    private transient ValueState<Long> count;

    @Override
    public void open(OpenContext ctx) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
      if (count.value() == null) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      count.update((count.value() == null ? 0 : count.value()) + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
      out.collect(Tuple2.of(ctx.getCurrentKey(), count.value()));
    }
  }

  private static JobExecutionResult run(NumbersUntilCheckpoints source, CollectSink<Tuple2<Long, Long>> sink,
      String restoreFrom) throws Exception {
    return run(source, sink, restoreFrom, "hashmap");
  }

  private static JobExecutionResult run(NumbersUntilCheckpoints source, CollectSink<Tuple2<Long, Long>> sink,
      String restoreFrom, String backend) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.getConfiguration().setString("state.backend.type", backend);
    env.enableCheckpointing(50);
    env.getCheckpointConfig().setCheckpointStorage(checkpoints).setNumRetainedCheckpoints(4);
    if (restoreFrom != null) {
      env.getConfiguration().setString("execution.savepoint.path", restoreFrom);
    }
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG).uid("numbers")
        .keyBy(x -> x % 5, Types.LONG)
        .process(new Count(), Types.TUPLE(Types.LONG, Types.LONG)).uid("count")
        .addSink(sink);
    return env.execute("on hdfs");
  }

  private static long sum(CollectSink<Tuple2<Long, Long>> sink) {
    long sum = 0;
    for (Tuple2<Long, Long> t : sink.values()) {
      sum += t.f1;
    }
    return sum;
  }

  @Test
  void checkpointsGoToHdfsAndAJobRestoresFromThem() throws Exception {
    NumbersUntilCheckpoints first = new NumbersUntilCheckpoints(3);
    CollectSink<Tuple2<Long, Long>> firstSink = new CollectSink<>();
    JobExecutionResult result = run(first, firstSink, null);
    assertThat(sum(firstSink)).isEqualTo(first.emitted());

    FileSystem fs = hdfs.getFileSystem();
    org.apache.hadoop.fs.Path jobDir = new org.apache.hadoop.fs.Path("/nagare/checkpoints/" + result.getJobId());
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(jobDir, "_owner"))).as("the run's claim").isTrue();
    org.apache.hadoop.fs.Path taken = new org.apache.hadoop.fs.Path(jobDir, "chk-" + first.lastCheckpointBeforeEnd());
    FileStatus[] files = fs.listStatus(taken);
    String checkpoint = fs.makeQualified(taken).toString();
    assertThat(checkpoint).startsWith("hdfs://").matches(".*/chk-[0-9]+$");
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(checkpoint, "_metadata"))).isTrue();
    assertThat(files).as("metadata, enumerator state and four subtask states").hasSize(6);

    NumbersUntilCheckpoints second = new NumbersUntilCheckpoints(2);
    CollectSink<Tuple2<Long, Long>> secondSink = new CollectSink<>();
    run(second, secondSink, checkpoint);
    assertThat(second.resumedAt("a")).isPositive();
    assertThat(sum(secondSink)).isEqualTo(second.emitted());
  }

  /** Incremental RocksDB checkpoints put their SST files in the job's shared directory on HDFS and restore from there. */
  @Test
  void incrementalRocksDbCheckpointsShareFilesOnHdfsAndRestore() throws Exception {
    NumbersUntilCheckpoints first = new NumbersUntilCheckpoints(4);
    CollectSink<Tuple2<Long, Long>> firstSink = new CollectSink<>();
    JobExecutionResult result = run(first, firstSink, null, "rocksdb");
    assertThat(sum(firstSink)).isEqualTo(first.emitted());
    assertThat(result.getCompletedCheckpoints()).hasSizeGreaterThanOrEqualTo(4);

    FileSystem fs = hdfs.getFileSystem();
    org.apache.hadoop.fs.Path jobDir = new org.apache.hadoop.fs.Path("/nagare/checkpoints/" + result.getJobId());
    FileStatus[] shared = fs.listStatus(new org.apache.hadoop.fs.Path(jobDir, "shared"));
    assertThat(shared).isNotEmpty().allMatch(f -> f.getPath().getName().endsWith(".sst") && f.getLen() > 0);
    org.apache.hadoop.fs.Path taken = new org.apache.hadoop.fs.Path(jobDir, "chk-" + first.lastCheckpointBeforeEnd());
    assertThat(fs.exists(new org.apache.hadoop.fs.Path(taken, "_metadata"))).isTrue();

    NumbersUntilCheckpoints second = new NumbersUntilCheckpoints(2);
    CollectSink<Tuple2<Long, Long>> secondSink = new CollectSink<>();
    run(second, secondSink, fs.makeQualified(taken).toString(), "rocksdb");
    assertThat(second.resumedAt("a")).isPositive();
    assertThat(sum(secondSink)).isEqualTo(second.emitted());
  }
}
