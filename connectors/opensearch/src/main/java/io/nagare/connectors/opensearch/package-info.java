/**
 * The OpenSearch sink: {@link io.nagare.connectors.opensearch.OpensearchSink}, built with {@link
 * io.nagare.connectors.opensearch.OpensearchSink#builder()} and an {@link
 * io.nagare.connectors.opensearch.OpensearchEmitter} that turns records into {@link
 * io.nagare.connectors.opensearch.IndexRequest}s, {@link io.nagare.connectors.opensearch.UpdateRequest}s
 * and {@link io.nagare.connectors.opensearch.DeleteRequest}s. Shaped like Flink's Elasticsearch and
 * OpenSearch connectors; written against the engine's public sink API only.
 */
package io.nagare.connectors.opensearch;
