package io.nagare.api.connector.sink2;

import io.nagare.api.source.SimpleVersionedSerializer;
import java.io.IOException;

/**
 * A sink whose writers pre-commit at checkpoint barriers (their writers must be {@link
 * CommittingSinkWriter}s) and whose {@link Committer} makes the output visible:
 *
 * <ol>
 *   <li>at barrier {@code n} the writer's committables are stored in checkpoint {@code n};
 *   <li>when checkpoint {@code n} is complete, every committable of checkpoints up to {@code n} is
 *       committed, in checkpoint order, on the subtask that made it;
 *   <li>after a restore from checkpoint {@code n}, the committables it holds are committed again
 *       (commits must therefore be idempotent) before the writer is created; new subtask {@code i}
 *       of {@code p} commits those of every old subtask {@code k} with {@code k % p == i};
 *   <li>at the end of a bounded input the last committables are committed at once.
 * </ol>
 *
 * @param <CommT> what the committer commits
 */
public interface SupportsCommitter<CommT> {
  /** The committer of one subtask; created on the subtask's thread before its writer. */
  Committer<CommT> createCommitter(CommitterInitContext context) throws IOException;

  /** Writes committables into checkpoints; its version lets later code read older checkpoints. */
  SimpleVersionedSerializer<CommT> getCommittableSerializer();
}
