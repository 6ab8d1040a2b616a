package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.CompletedCheckpointStats;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.Pipeline;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.typeinfo.Types;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobGraphBuilder;
import io.nagare.plan.StreamGraphBuilder;
import io.nagare.runtime.executor.JobRun;
import io.nagare.runtime.executor.LocalDeployment;
import io.nagare.state.StateBackends;
import io.nagare.state.rocksdb.RocksDBKeyedStateBackend;
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental RocksDB checkpoints in a running job: later checkpoints write less than all their
 * state, the shared directory holds exactly the files the retained checkpoints reference, and the
 * job restores from each retained checkpoint taken while it ran with every count intact.
 */
class IncrementalCheckpointJobTest {
  /**
   * Checkpoints kept: fewer than a run completes, so older ones are deleted, and more than are taken
   * after the sources end (periodic ones while the job finishes, and its final one), so one taken
   * while they ran is kept.
   */
  private static final int RETAINED = 6;

  private static StreamExecutionEnvironment environment(Path dir) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(30);
    env.getCheckpointConfig().setCheckpointStorage(dir.resolve("checkpoints").toUri().toString())
        .setNumRetainedCheckpoints(RETAINED);
    env.getConfiguration().setString("state.backend.type", "rocksdb");
    env.getConfiguration().setString("state.backend.rocksdb.localdir", dir.resolve("rocksdb").toString());
    return env;
  }

  private static long runCounting(StreamExecutionEnvironment env, NumbersUntilCheckpoints source, String name)
      throws Exception {
    CollectSink<Long> sink = new CollectSink<>();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .keyBy(x -> x % 1000, Types.LONG)
        .process(new CheckpointingJobTest.CountPerKey(), Types.LONG).uid("count")
        .addSink(sink);
    env.execute(name);
    assertThat(sink.values()).hasSize(1000);
    return sink.values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void sharedFilesAreExactlyThoseOfRetainedCheckpointsAndEachRetainedCheckpointRestores(@TempDir Path dir)
      throws Exception {
    StreamExecutionEnvironment env = environment(dir);
    CollectSink<Long> sink = new CollectSink<>();
    NumbersUntilCheckpoints source = new NumbersUntilCheckpoints(8);
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .keyBy(x -> x % 1000, Types.LONG)
        .process(new CheckpointingJobTest.CountPerKey(), Types.LONG).uid("count")
        .addSink(sink);
    JobExecutionResult result = env.execute("incremental");

    List<CompletedCheckpointStats> stats = result.getCompletedCheckpoints();
    assertThat(stats).hasSizeGreaterThanOrEqualTo(8);
    long uploaded = stats.stream().skip(1).mapToLong(CompletedCheckpointStats::uploadedBytes).sum();
    long wouldBeFull = stats.stream().skip(1).mapToLong(CompletedCheckpointStats::fullBytes).sum();
    assertThat(uploaded).as("checkpoints after the first reuse files of earlier ones").isLessThan(wouldBeFull);

    Path jobDir = dir.resolve("checkpoints").resolve(result.getJobId());
    List<Path> retained;
    Set<String> sharedOnDisk;
    try (Stream<Path> files = Files.list(jobDir)) {
      retained = files.filter(p -> p.getFileName().toString().startsWith("chk-")).sorted().toList();
    }
    try (Stream<Path> files = Files.list(jobDir.resolve("shared"))) {
      sharedOnDisk = files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc"))
          .collect(Collectors.toSet());
    }
    assertThat(stats).hasSizeGreaterThan(RETAINED);
    assertThat(retained).hasSize(RETAINED);
    Set<String> referenced = new HashSet<>();
    for (Path checkpoint : retained) {
      referenced.addAll(sharedFilesOf(checkpoint));
    }
    assertThat(sharedOnDisk).isNotEmpty().isEqualTo(referenced);

    List<Path> whileRunning = retained.stream().filter(p -> Long.parseLong(p.getFileName().toString()
        .substring("chk-".length())) <= source.lastCheckpointBeforeEnd()).toList();
    assertThat(whileRunning).as("retained checkpoints taken before the sources ended").isNotEmpty();
    for (Path checkpoint : whileRunning) {
      StreamExecutionEnvironment again = environment(dir.resolve("restore-" + checkpoint.getFileName()));
      again.getConfiguration().setString("execution.savepoint.path", checkpoint.toUri().toString());
      NumbersUntilCheckpoints resumed = new NumbersUntilCheckpoints(1);
      long counted = runCounting(again, resumed, "restored from " + checkpoint.getFileName());
      assertThat(resumed.resumedAt("a")).isPositive();
      assertThat(counted).as("every count restored from " + checkpoint.getFileName()).isEqualTo(resumed.emitted());
    }
  }

  @Test
  void aJobResumedFromItsOwnCheckpointReusesItsSharedFilesAndDeletesWhatIsUnreferenced(@TempDir Path dir)
      throws Exception {
    StreamExecutionEnvironment env = environment(dir);
    NumbersUntilCheckpoints source = new NumbersUntilCheckpoints(2);
    CollectSink<Long> sink = new CollectSink<>();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers", Types.LONG)
        .keyBy(x -> x % 1000, Types.LONG)
        .process(new CheckpointingJobTest.CountPerKey(), Types.LONG).uid("count")
        .addSink(sink);
    JobGraph job = JobGraphBuilder.build(StreamGraphBuilder.build(new Pipeline("resumed", env.getTransformations(),
        env.getConfiguration(), getClass().getClassLoader())));
    runLocally(job, env);
    Path jobDir = dir.resolve("checkpoints").resolve(job.jobId());
    long latestId = source.lastCheckpointBeforeEnd();
    Path latest = jobDir.resolve("chk-" + latestId);
    List<Path> before = retainedCheckpoints(jobDir);
    long highest = Long.parseLong(before.get(before.size() - 1).getFileName().toString().substring("chk-".length()));

    Path unfinished = Files.createDirectories(jobDir.resolve("chk-" + (latestId + 100)));
    Files.writeString(unfinished.resolve("0-0"), "a part of a checkpoint whose job manager died");
    Files.writeString(jobDir.resolve("shared").resolve("uploaded-before-the-crash.sst"), "never referenced");
    sink.clear();
    JobExecutionResult resumed = runLocally(job.withSetting("execution.savepoint.path", latest.toUri().toString())
        .withSetting("state.checkpoints.num-retained", "3"), env);

    assertThat(source.resumedAt("a")).isPositive();
    assertThat(sink.values()).hasSize(1000);
    assertThat(sink.values().stream().mapToLong(Long::longValue).sum()).as("every count restored")
        .isEqualTo(source.emitted());

    List<CompletedCheckpointStats> stats = resumed.getCompletedCheckpoints();
    List<Long> ids = stats.stream().map(CompletedCheckpointStats::id).toList();
    assertThat(ids).as("no checkpoint of the resumed run failed").hasSizeGreaterThanOrEqualTo(2)
        .isEqualTo(java.util.stream.LongStream.rangeClosed(highest + 1, highest + ids.size()).boxed().toList());
    assertThat(stats.get(0).uploadedBytes()).as("the first checkpoint reuses the restored checkpoint's files")
        .isLessThan(stats.get(0).fullBytes());
    List<Path> retained = retainedCheckpoints(jobDir);
    assertThat(retained).hasSize(3).doesNotContain(latest);
    Set<String> referenced = new HashSet<>();
    for (Path checkpoint : retained) {
      referenced.addAll(sharedFilesOf(checkpoint));
    }
    try (Stream<Path> files = Files.list(jobDir.resolve("shared"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
          .as("the restored checkpoint's files no retained checkpoint uses, and the crashed run's upload, are deleted")
          .containsExactlyInAnyOrderElementsOf(referenced);
    }
    assertThat(unfinished).as("a checkpoint the earlier run never completed is deleted").doesNotExist();
  }

  /** Runs {@code job} in this JVM, as a job manager runs a job it resumes: same job id, same directories. */
  private JobExecutionResult runLocally(JobGraph job, StreamExecutionEnvironment env) throws Exception {
    return new JobRun(job, getClass().getClassLoader(), new LocalDeployment(job, getClass().getClassLoader(),
        StateBackends.fromConfiguration(env.getConfiguration()))).run();
  }

  private static List<Path> retainedCheckpoints(Path jobDir) throws java.io.IOException {
    try (Stream<Path> files = Files.list(jobDir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .sorted(java.util.Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))))
          .toList();
    }
  }

  /** The shared files (by name) that the keyed states of a checkpoint's subtasks reference. */
  private static Set<String> sharedFilesOf(Path checkpoint) throws Exception {
    Set<String> names = new HashSet<>();
    CheckpointMetadata metadata = CheckpointStorage.readMetadata(checkpoint.toUri().toString());
    for (TaskStateHandle handle : metadata.states()) {
      if (handle.subtaskIndex() < 0) {
        continue;
      }
      for (TaskStateFile.OperatorPart part : TaskStateFile.read(handle)) {
        if (part.keyed() != null) {
          for (String path : RocksDBKeyedStateBackend.sharedFilesOf(part.keyed().readAll())) {
            names.add(new org.apache.hadoop.fs.Path(path).getName());
          }
        }
      }
    }
    return names;
  }
}
