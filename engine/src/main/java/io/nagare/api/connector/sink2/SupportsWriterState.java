package io.nagare.api.connector.sink2;

import io.nagare.api.source.SimpleVersionedSerializer;
import java.io.IOException;
import java.util.Collection;

/**
 * A sink whose writers keep state in checkpoints. After a restore each new subtask {@code i} of
 * {@code p} gets the states of every old subtask {@code k} with {@code k % p == i}, the same old
 * subtasks whose committables it commits (see {@link SupportsCommitter}), so a writer may rely on
 * those being committed before it is created.
 *
 * @param <InputT> the type of the records written
 * @param <WriterStateT> the writer's state
 */
public interface SupportsWriterState<InputT, WriterStateT> {
  /** A writer that continues from {@code recoveredState} (empty when the old subtasks had none). */
  StatefulSinkWriter<InputT, WriterStateT> restoreWriter(WriterInitContext context,
      Collection<WriterStateT> recoveredState) throws IOException;

  /** Writes the writer's state into checkpoints; its version lets later code read older checkpoints. */
  SimpleVersionedSerializer<WriterStateT> getWriterStateSerializer();
}
