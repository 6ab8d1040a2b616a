package io.nagare.runtime.tasks;

import io.nagare.api.common.Accumulator;
import io.nagare.runtime.checkpoint.CheckpointParticipant;
import java.util.Map;

/**
 * A subtask of one run of a job as the run sees it, wherever it executes: a {@link StreamTask} in
 * this process, or a task manager's subtask reached over the control connection. Methods may be
 * called from any thread.
 */
public interface SubtaskHandle extends CheckpointParticipant {
  /** Stops the subtask; it then ends (reported to its listener) as soon as it can. */
  void cancel();

  /** Where the subtask runs, for messages and REST: a task manager's id, or {@code local}. */
  default String location() {
    return "local";
  }

  /** The subtask's accumulators; read only after it ended. */
  Map<String, Accumulator<?, ?>> accumulators();
}
