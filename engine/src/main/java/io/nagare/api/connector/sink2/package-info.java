/**
 * The sink API (FLIP-191 shape): {@link io.nagare.api.connector.sink2.Sink}, its per-subtask
 * {@link io.nagare.api.connector.sink2.SinkWriter}, and the optional two-phase commit ({@link
 * io.nagare.api.connector.sink2.SupportsCommitter}) and writer state ({@link
 * io.nagare.api.connector.sink2.SupportsWriterState}). Used with {@code DataStream.sinkTo}.
 */
package io.nagare.api.connector.sink2;
