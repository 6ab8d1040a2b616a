package io.nagare.connectors.kafka.source.reader;

import io.nagare.connectors.kafka.source.MalformedRecordPolicy;
import java.time.Duration;
import java.util.Properties;

/**
 * What a {@link KafkaSourceReader} is configured with, prepared by the source from its properties.
 *
 * @param consumerProperties the consumer's configuration, without the {@code client.id} (the reader adds {@code
 *     <clientIdPrefix>-<subtask>})
 * @param groupId the consumer group, or null
 * @param commitOffsetsOnCheckpoint commit each completed checkpoint's offsets to the group (only with a group id)
 * @param apiTimeout bounds the reader's blocking consumer calls ({@code default.api.timeout.ms})
 * @param deadLetterProducerProperties the dead-letter producer's configuration (its {@code client.id} is added)
 */
public record ReaderSettings(Properties consumerProperties, String bootstrapServers, String groupId,
    String clientIdPrefix, boolean commitOffsetsOnCheckpoint, Duration apiTimeout, MalformedRecordPolicy policy,
    Properties deadLetterProducerProperties) {}
