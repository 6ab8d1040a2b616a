/**
 * The Kafka sink: {@link io.nagare.connectors.kafka.sink.KafkaSink}, built with {@link
 * io.nagare.connectors.kafka.sink.KafkaSink#builder()} and a {@link
 * io.nagare.connectors.kafka.sink.KafkaRecordSerializationSchema}, with the delivery guarantee of
 * {@link io.nagare.connectors.kafka.sink.DeliveryGuarantee}. Shaped like Flink's, so a Flink job
 * ports by changing its imports.
 */
package io.nagare.connectors.kafka.sink;
