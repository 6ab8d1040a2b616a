package io.nagare.connectors.opensearch;

import java.io.IOException;

/**
 * An {@link OpensearchSink} could not write: OpenSearch could not be reached, a bulk request failed
 * as a whole, a request was refused (and no {@link FailureHandler} took it), rejections with 429
 * outlasted the retries, or the emitter failed. It fails the job; its message names the sink, its
 * subtask and the hosts, and for a record the request (action, index, id; never the document) and
 * the record's position since the last checkpoint. {@link #toString()} shows the message alone, so
 * the job's failure reads as it.
 */
public final class OpensearchSinkException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, caused by {@code cause} (may be null). */
  public OpensearchSinkException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
