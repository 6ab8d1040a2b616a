package io.nagare.api.configuration;

import java.time.Duration;

/** Options of checkpointing: when, how, where to, and how failures count. */
public final class CheckpointingOptions {
  private CheckpointingOptions() {}

  public static final ConfigOption<Duration> INTERVAL = ConfigOption.key("execution.checkpointing.interval")
      .durationType().defaultValue(Duration.ZERO)
      .withDescription("Time between the starts of two checkpoints; 0 turns checkpointing off.");

  public static final ConfigOption<String> MODE = ConfigOption.key("execution.checkpointing.mode")
      .stringType().defaultValue("EXACTLY_ONCE")
      .withDescription("EXACTLY_ONCE (barriers are aligned) or AT_LEAST_ONCE (no alignment).");

  public static final ConfigOption<Boolean> UNALIGNED = ConfigOption.key("execution.checkpointing.unaligned")
      .booleanType().defaultValue(false)
      .withDescription("Unaligned checkpoints: barriers overtake the records queued between subtasks, which are"
          + " stored with the checkpoint and replayed on restore, so checkpoints complete quickly under"
          + " back-pressure. Needs EXACTLY_ONCE mode; savepoints are always aligned; a checkpoint holding"
          + " in-flight data restores only at the parallelism it was taken at.");

  public static final ConfigOption<Duration> TIMEOUT = ConfigOption.key("execution.checkpointing.timeout")
      .durationType().defaultValue(Duration.ofMinutes(10))
      .withDescription("A checkpoint not completed within this time is declined.");

  public static final ConfigOption<Duration> MIN_PAUSE = ConfigOption.key("execution.checkpointing.min-pause")
      .durationType().defaultValue(Duration.ZERO)
      .withDescription("Least time between the end of one checkpoint and the start of the next.");

  public static final ConfigOption<Integer> MAX_CONCURRENT =
      ConfigOption.key("execution.checkpointing.max-concurrent-checkpoints").intType().defaultValue(1)
          .withDescription("How many checkpoints may be in progress at once.");

  public static final ConfigOption<Integer> TOLERABLE_FAILURES =
      ConfigOption.key("execution.checkpointing.tolerable-failed-checkpoints").intType().defaultValue(-1)
          .withDescription("Failed checkpoints in a row after which the job fails over; -1: never (a failed"
              + " checkpoint alone never fails the job).");

  public static final ConfigOption<String> CHECKPOINTS_DIRECTORY = ConfigOption.key("state.checkpoints.dir")
      .stringType().defaultValue("")
      .withDescription("Where checkpoints are written, on any Hadoop file system (file:///…, hdfs://…): <dir>/<job"
          + " id>/chk-<n>/. Empty: a directory under java.io.tmpdir.");

  public static final ConfigOption<String> SAVEPOINTS_DIRECTORY = ConfigOption.key("state.savepoints.dir")
      .stringType().defaultValue("")
      .withDescription("Where savepoints go when a savepoint or stop command names no directory (any Hadoop file"
          + " system URI).");

  public static final ConfigOption<Integer> RETAINED = ConfigOption.key("state.checkpoints.num-retained")
      .intType().defaultValue(1)
      .withDescription("How many completed checkpoints are kept; older ones are deleted.");

  public static final ConfigOption<String> RESTORE_PATH = ConfigOption.key("execution.savepoint.path")
      .stringType().defaultValue("")
      .withDescription("A checkpoint or savepoint directory (chk-<n>) to start the job from; empty: start fresh.");

  public static final ConfigOption<Boolean> IGNORE_UNCLAIMED_STATE =
      ConfigOption.key("execution.savepoint.ignore-unclaimed-state").booleanType().defaultValue(false)
          .withDescription("Start even if the restored state has operators the job no longer has (their state is"
              + " dropped); otherwise such a restore fails, naming them.");

  public static final ConfigOption<Boolean> RETAIN_ON_CANCELLATION =
      ConfigOption.key("execution.checkpointing.retain-on-cancellation").booleanType().defaultValue(false)
          .withDescription("Keep the retained checkpoints when the job is cancelled (to start it again from one);"
              + " by default they are deleted then. Checkpoints of jobs that finish or fail are kept.");
}
