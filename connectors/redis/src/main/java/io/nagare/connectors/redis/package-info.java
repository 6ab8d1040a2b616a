/**
 * The Redis sink: {@link io.nagare.connectors.redis.RedisSink}, built with {@link
 * io.nagare.connectors.redis.RedisSink#builder()} and a {@link io.nagare.connectors.redis.RedisMapper}
 * that turns records into {@link io.nagare.connectors.redis.RedisCommand}s. Shaped like Flink's
 * connectors; written against the engine's public sink API only.
 */
package io.nagare.connectors.redis;
