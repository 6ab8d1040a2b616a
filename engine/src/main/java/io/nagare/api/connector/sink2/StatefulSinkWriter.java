package io.nagare.api.connector.sink2;

import java.io.IOException;
import java.util.List;

/**
 * A writer with state of its own that must survive a restart (records buffered, ids in use).
 *
 * @param <InputT> the type of the records written
 * @param <WriterStateT> the writer's state, serialised by {@link SupportsWriterState#getWriterStateSerializer()}
 */
public interface StatefulSinkWriter<InputT, WriterStateT> extends SinkWriter<InputT> {
  /** The writer's state as of checkpoint {@code checkpointId}, taken on the subtask's thread after {@link #flush}. */
  List<WriterStateT> snapshotState(long checkpointId) throws IOException;
}
