package io.nagare.runtime.checkpoint;

import java.io.IOException;

/**
 * A run found that another run of its job has claimed the job's checkpoints: it is stale (an
 * ApplicationMaster attempt YARN replaced, say) and must stop rather than restart.
 */
public final class CheckpointOwnershipException extends IOException {
  public CheckpointOwnershipException(String message) {
    super(message);
  }
}
