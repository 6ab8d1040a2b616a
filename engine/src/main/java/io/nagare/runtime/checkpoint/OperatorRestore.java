package io.nagare.runtime.checkpoint;

import io.nagare.state.StateBlock;
import java.util.List;

/**
 * What one operator subtask gets back from a checkpoint: keyed state and timer blocks (of every
 * parallel instance, where they lie in the checkpoint's files: each subtask reads only its key
 * groups of them, so a new parallelism works), the operator state
 * of every old instance in subtask order (redistributed by the operator state backend), and the
 * source splits assigned to it, and the id of the checkpoint they come from (-1 if unknown, as in
 * harnesses); {@code finished} if every old subtask of the operator had finished, so the operator
 * must not finish (emit its end-of-input results) again. Immutable.
 */
public record OperatorRestore(long checkpointId, List<StateBlock> keyedState, List<StateBlock> timers,
    List<byte[]> operatorState,
    List<RestoredSplit> splits, boolean finished) {
  /** A source split as its serializer wrote it. */
  public record RestoredSplit(int version, byte[] bytes) {}
}
