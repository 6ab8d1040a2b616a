package io.nagare.api.environment;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.Configuration;
import java.time.Duration;

/**
 * Checkpoint settings of an environment, as in Flink's {@code env.getCheckpointConfig()}: a view
 * that reads and writes the environment's configuration ({@code execution.checkpointing.*},
 * {@code state.checkpoints.*}).
 */
public final class CheckpointConfig {
  private final Configuration configuration;

  CheckpointConfig(Configuration configuration) {
    this.configuration = configuration;
  }

  public boolean isCheckpointingEnabled() {
    return !configuration.get(CheckpointingOptions.INTERVAL).isZero();
  }

  public long getCheckpointInterval() {
    return configuration.get(CheckpointingOptions.INTERVAL).toMillis();
  }

  public CheckpointingMode getCheckpointingMode() {
    return CheckpointingMode.valueOf(configuration.get(CheckpointingOptions.MODE));
  }

  public CheckpointConfig setCheckpointingMode(CheckpointingMode mode) {
    configuration.set(CheckpointingOptions.MODE, mode.name());
    return this;
  }

  public CheckpointConfig setCheckpointTimeout(long millis) {
    configuration.set(CheckpointingOptions.TIMEOUT, positive(millis, "The checkpoint timeout"));
    return this;
  }

  public CheckpointConfig setMinPauseBetweenCheckpoints(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("The pause between checkpoints must not be negative, not " + millis);
    }
    configuration.set(CheckpointingOptions.MIN_PAUSE, Duration.ofMillis(millis));
    return this;
  }

  public CheckpointConfig setMaxConcurrentCheckpoints(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("At least one checkpoint must be allowed at a time, not " + max);
    }
    configuration.set(CheckpointingOptions.MAX_CONCURRENT, max);
    return this;
  }

  /** Failed checkpoints in a row after which the job fails over; by default a failed checkpoint never fails it. */
  public CheckpointConfig setTolerableCheckpointFailureNumber(int failures) {
    if (failures < 0) {
      throw new IllegalArgumentException("The tolerable number of failed checkpoints must not be negative, not "
          + failures);
    }
    configuration.set(CheckpointingOptions.TOLERABLE_FAILURES, failures);
    return this;
  }

  /**
   * Unaligned checkpoints: barriers overtake records queued between subtasks, which are stored with
   * the checkpoint ({@code execution.checkpointing.unaligned}). Needs {@link
   * CheckpointingMode#EXACTLY_ONCE}.
   */
  public CheckpointConfig enableUnalignedCheckpoints() {
    return enableUnalignedCheckpoints(true);
  }

  /** Turns unaligned checkpoints on or off. */
  public CheckpointConfig enableUnalignedCheckpoints(boolean enabled) {
    configuration.set(CheckpointingOptions.UNALIGNED, enabled);
    return this;
  }

  public boolean isUnalignedCheckpointsEnabled() {
    return configuration.get(CheckpointingOptions.UNALIGNED);
  }

  /** Where checkpoints go: a directory on any Hadoop file system. */
  public CheckpointConfig setCheckpointStorage(String directory) {
    configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory);
    return this;
  }

  public CheckpointConfig setNumRetainedCheckpoints(int retained) {
    if (retained < 1) {
      throw new IllegalArgumentException("At least one completed checkpoint must be retained, not " + retained);
    }
    configuration.set(CheckpointingOptions.RETAINED, retained);
    return this;
  }

  /** Keeps the retained checkpoints when the job is cancelled (by default they are deleted then). */
  public CheckpointConfig setRetainOnCancellation(boolean retain) {
    configuration.set(CheckpointingOptions.RETAIN_ON_CANCELLATION, retain);
    return this;
  }

  private static Duration positive(long millis, String what) {
    if (millis <= 0) {
      throw new IllegalArgumentException(what + " must be positive, not " + millis + " ms");
    }
    return Duration.ofMillis(millis);
  }
}
