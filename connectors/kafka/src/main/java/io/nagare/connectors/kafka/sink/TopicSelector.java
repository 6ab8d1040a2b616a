package io.nagare.connectors.kafka.sink;

import java.io.Serializable;
import java.util.function.Function;

/**
 * Chooses the topic of each record, for sinks that write to more than one topic.
 *
 * <pre>{@code
 * KafkaRecordSerializationSchema.builder()
 *     .setTopicSelector((Order o) -> "orders-" + o.region())
 * }</pre>
 *
 * @param <IN> the type of the records
 */
@FunctionalInterface
public interface TopicSelector<IN> extends Function<IN, String>, Serializable {}
