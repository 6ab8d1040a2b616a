package io.nagare.connectors.redis;

import io.nagare.api.connector.sink2.Sink;
import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.api.connector.sink2.WriterInitContext;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Writes a stream to Redis: a {@link RedisMapper} turns each record into {@link RedisCommand}s,
 * which each subtask sends in pipelined batches to one server, a master found through sentinels, or
 * a cluster.
 *
 * <pre>{@code
 * stream.sinkTo(RedisSink.<Order>builder()
 *     .setAddress("redis:6379")
 *     .setMapper(order -> List.of(RedisCommand.hset("order:" + order.id(), "status", order.status())))
 *     .build()).name("orders to Redis");
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * A batch is sent when it holds {@link RedisSinkBuilder#setBatchSize the batch size} commands, when
 * the {@link RedisSinkBuilder#setFlushInterval flush interval} (if set) has passed since its first
 * command, and at every checkpoint barrier and the end of the input; every reply is checked. A
 * checkpoint thus completes only once Redis has acknowledged every command of the records before
 * it, and a job restarted from it sends the later records again. For SET, HSET, ZADD, PEXPIRE and DEL
 * a second send leaves Redis as the first did, so their results are effectively exactly once (a
 * replayed PEXPIRE or SET with a time to live restarts the time to live). INCRBY adds again:
 * at least once. Commands reach Redis in record order per subtask (per key on a cluster).
 *
 * <h2>Failures</h2>
 *
 * Each fails the job, with a {@link RedisSinkException} naming the sink, its subtask and Redis'
 * address: no Redis at the address when the writer opens; a connection that breaks (Jedis' pool
 * tests idle connections every 30 s and replaces those the server closed; one that broke since
 * fails the next batch); a command Redis refuses (also naming the command, its key and the record's position since the last
 * checkpoint: the other commands of that batch are written, pipelines are not transactions); the
 * mapper failing or returning null. With a restart strategy the job then resumes from its last
 * checkpoint, so a command Redis always refuses fails it again at each restart.
 *
 * <p>Lifecycle and threads: the sink is serialised with the job; each subtask creates one writer,
 * with its own Jedis client, on the subtask's thread, which then owns it. There is no writer state
 * in checkpoints: what a checkpoint covers is in Redis when it completes.
 *
 * @param <T> the type of the records
 */
public final class RedisSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  /** Commands per pipelined batch unless set. */
  public static final int DEFAULT_BATCH_SIZE = 1000;

  /** Connection and socket timeout unless set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private final RedisServers servers;
  private final RedisMapper<T> mapper;
  private final int batchSize;
  private final Duration flushInterval;

  RedisSink(RedisServers servers, RedisMapper<T> mapper, int batchSize, Duration flushInterval) {
    this.servers = servers;
    this.mapper = mapper;
    this.batchSize = batchSize;
    this.flushInterval = flushInterval;
  }

  /** A builder of a sink for records of type {@code T}. */
  public static <T> RedisSinkBuilder<T> builder() {
    return new RedisSinkBuilder<>();
  }

  /** Commands per pipelined batch. */
  public int getBatchSize() {
    return batchSize;
  }

  /** The longest a command waits in an unfull batch, if set. */
  public Optional<Duration> getFlushInterval() {
    return Optional.ofNullable(flushInterval);
  }

  /** Where Redis is, as failure messages name it: {@code host:port}, a master and its sentinels, or a cluster's nodes. */
  public String getAddress() {
    return servers.describe();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return RedisWriter.open(context, servers, mapper, batchSize, flushInterval);
  }

  RedisServers servers() {
    return servers;
  }
}
