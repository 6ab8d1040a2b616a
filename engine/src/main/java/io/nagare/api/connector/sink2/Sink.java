package io.nagare.api.connector.sink2;

import java.io.IOException;
import java.io.Serializable;

/**
 * Where a stream's records end up: the sink API in the shape of Flink's FLIP-191. A sink creates
 * one {@link SinkWriter} per parallel subtask; that is all an at-most-once or at-least-once sink
 * needs. Two optional abilities add exactly-once and restartable buffering:
 *
 * <ul>
 *   <li>{@link SupportsCommitter}: at each checkpoint barrier the writer pre-commits what it has
 *       written ({@link CommittingSinkWriter#prepareCommit}, say a flushed transaction); the
 *       {@link Committer} makes it visible once the checkpoint is complete, and re-commits it after
 *       a restore from that checkpoint.
 *   <li>{@link SupportsWriterState}: the writer's own state (say records buffered but not yet
 *       written) is part of the checkpoint and handed back to the writer after a restore.
 * </ul>
 *
 * <pre>{@code
 * stream.sinkTo(KafkaSink.<String>builder()...build()).name("to Kafka");
 * }</pre>
 *
 * <p>The sink object is serialised with the job and deserialised once per subtask, where its
 * factory methods are called on the subtask's thread.
 *
 * @param <InputT> the type of the records the sink takes
 */
public interface Sink<InputT> extends Serializable {
  /** A writer for one subtask, starting without state. */
  SinkWriter<InputT> createWriter(WriterInitContext context) throws IOException;
}
