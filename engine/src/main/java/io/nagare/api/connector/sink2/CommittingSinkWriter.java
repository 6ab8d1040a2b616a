package io.nagare.api.connector.sink2;

import java.io.IOException;
import java.util.Collection;

/**
 * A writer whose output becomes visible only once a checkpoint is complete (the first phase of a
 * two-phase commit). At each barrier the runtime calls {@link #flush} and then {@link
 * #prepareCommit}; the committables go into the checkpoint and to the sink's {@link Committer}.
 *
 * @param <InputT> the type of the records written
 * @param <CommT> what the committer commits (a transaction handle, a list of staged files)
 */
public interface CommittingSinkWriter<InputT, CommT> extends SinkWriter<InputT> {
  /**
   * Ends the current unit of work (say a transaction, flushed but not committed) and returns what
   * will commit it; the writer continues in a new unit. Called on the subtask's thread at each
   * checkpoint barrier and at the end of the input.
   */
  Collection<CommT> prepareCommit() throws IOException, InterruptedException;
}
