/**
 * The Kafka source: {@link io.nagare.connectors.kafka.source.KafkaSource} and its builder, with
 * Flink's API and package layout, so a Flink job ports by changing its imports.
 *
 * <ul>
 *   <li>{@code source}: the source, its builder, {@link io.nagare.connectors.kafka.source.KafkaSourceOptions}
 *       (the nagare properties), the malformed-record policy and the source's exception;
 *   <li>{@code source.enumerator}: the split enumerator (job manager side: partition discovery and
 *       assignment, on the source coordinator thread with blocking calls on its worker thread), its
 *       checkpoint and serializer; {@code .initializer}: starting and stopping offsets; {@code
 *       .subscriber}: topics, a topic pattern or partitions;
 *   <li>{@code source.reader}: the reader (subtask thread), its fetcher thread and the hand-over
 *       between them, metrics; {@code .deserializer}: record deserialization schemas;
 *   <li>{@code source.split}: the split (a partition and its offsets) and its serializer.
 * </ul>
 *
 * <p>See {@code docs/kafka.md} for the settings, offsets and checkpoints, watermarks, malformed
 * records, metrics and errors.
 */
package io.nagare.connectors.kafka.source;
