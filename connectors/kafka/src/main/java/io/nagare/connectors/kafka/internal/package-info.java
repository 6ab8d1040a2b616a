/**
 * Helpers the Kafka source and sink share, not part of the public API: client properties, bounded
 * admin requests, the sink's transactional ids and the one place that touches kafka-clients
 * internals ({@link io.nagare.connectors.kafka.internal.ProducerInternals}).
 */
package io.nagare.connectors.kafka.internal;
