package io.nagare.connectors.redis;

import java.io.Serializable;
import java.util.List;

/**
 * Turns a record into the Redis commands that write it. Serialised with the job (a lambda will do);
 * called on the sink's subtask thread, once per record, in record order.
 *
 * <pre>{@code
 * RedisMapper<Order> mapper = order -> List.of(
 *     RedisCommand.hset("order:" + order.id(), "status", order.status()),
 *     RedisCommand.zadd("orders-by-time", order.time(), order.id()),
 *     RedisCommand.expire("order:" + order.id(), Duration.ofDays(7)));
 * }</pre>
 *
 * <p>An empty list writes nothing for the record; an exception fails the job.
 *
 * @param <T> the type of the records
 */
@FunctionalInterface
public interface RedisMapper<T> extends Serializable {
  /** The commands for {@code record}, sent in this order. */
  List<RedisCommand> map(T record) throws Exception;
}
