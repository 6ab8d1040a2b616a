package io.nagare.connectors.redis;

import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.operators.ProcessingTimeService;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * One subtask's writer of a {@link RedisSink}: maps each record to commands and keeps them in a
 * batch; a full batch, a due flush interval and every {@link #flush} send the batch as one pipeline
 * and check every reply. A checkpoint therefore completes only once Redis has acknowledged every
 * command of the records before its barrier: at least once, and effectively once for idempotent
 * commands.
 *
 * <p>Threads: the subtask's thread owns the writer, its batch and its client. The flush-interval
 * timer is a processing-time timer of the subtask, so it fires on that thread too. Jedis' own threads
 * (the pool's evictor, a cluster pipeline's reply readers, sentinel listeners) never see the batch.
 *
 * @param <T> the type of the records
 */
final class RedisWriter<T> implements SinkWriter<T> {
  private final String name;
  private final String address;
  private final RedisMapper<T> mapper;
  private final int batchSize;
  private final long flushIntervalMillis;
  private final ProcessingTimeService clock;
  private final UnifiedJedis client;

  private final List<Pending> batch = new ArrayList<>();
  /** Records written since the last checkpoint (or since the writer opened, before the first). */
  private long records;
  private boolean checkpointed;
  private ProcessingTimeService.ScheduledTimer flushTimer;

  private RedisWriter(String name, String address, RedisMapper<T> mapper, int batchSize, Duration flushInterval,
      ProcessingTimeService clock, UnifiedJedis client) {
    this.name = name;
    this.address = address;
    this.mapper = mapper;
    this.batchSize = batchSize;
    this.flushIntervalMillis = flushInterval == null ? 0 : flushInterval.toMillis();
    this.clock = clock;
    this.client = client;
  }

  /** A writer whose client has answered a PING; fails naming the sink and the address if Redis cannot be reached. */
  static <T> RedisWriter<T> open(WriterInitContext context, RedisServers servers, RedisMapper<T> mapper, int batchSize,
      Duration flushInterval) throws RedisSinkException {
    String name = "Redis sink '" + context.getOperatorName() + "' (subtask " + (context.getSubtaskId() + 1) + "/"
        + context.getNumberOfParallelSubtasks() + ")";
    String address = servers.describe();
    UnifiedJedis client;
    try {
      client = servers.connect();
    } catch (JedisException e) {
      throw new RedisSinkException(name + " cannot connect to Redis at " + address + ": " + reason(e), e);
    }
    try {
      client.ping();
    } catch (RuntimeException e) {
      client.close();
      if (e instanceof JedisException) {
        throw new RedisSinkException(name + " cannot connect to Redis at " + address + ": " + reason(e), e);
      }
      throw e;
    }
    return new RedisWriter<>(name, address, mapper, batchSize, flushInterval, context.getProcessingTimeService(), client);
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    records++;
    List<RedisCommand> commands;
    try {
      commands = mapper.map(element);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new RedisSinkException(name + ": the mapper failed on " + position(records) + ": " + e, e);
    }
    if (commands == null) {
      throw new RedisSinkException(name + ": the mapper returned null for " + position(records)
          + "; return an empty list to write nothing", null);
    }
    for (RedisCommand command : commands) {
      if (command == null) {
        throw new RedisSinkException(name + ": the mapper returned a null command for " + position(records), null);
      }
      batch.add(new Pending(command, records));
    }
    if (batch.size() >= batchSize) {
      send();
    } else if (flushIntervalMillis > 0 && flushTimer == null && !batch.isEmpty()) {
      flushTimer = clock.registerTimer(clock.getCurrentProcessingTime() + flushIntervalMillis, time -> {
        flushTimer = null;
        send();
      });
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException {
    send();
    records = 0;
    checkpointed = true;
  }

  /** Sends the batch as one pipeline and checks every reply; the first refused command fails the writer. */
  private void send() throws RedisSinkException {
    if (flushTimer != null) {
      flushTimer.cancel();
      flushTimer = null;
    }
    if (batch.isEmpty()) {
      return;
    }
    List<Response<?>> replies = new ArrayList<>(batch.size());
    try (AbstractPipeline pipeline = client.pipelined()) {
      for (Pending p : batch) {
        replies.add(send(pipeline, p.command()));
      }
      pipeline.sync();
    } catch (JedisConnectionException e) {
      throw new RedisSinkException(name + " lost its connection to Redis at " + address + " while writing "
          + commands(batch.size()) + " (" + span() + "): " + reason(e), e);
    } catch (JedisException e) {
      throw new RedisSinkException(name + " could not write " + commands(batch.size()) + " (" + span() + ") to Redis at "
          + address + ": " + reason(e), e);
    }
    checkReplies(replies);
    batch.clear();
  }

  private static Response<?> send(AbstractPipeline pipeline, RedisCommand c) {
    return switch (c.type()) {
      case SET -> c.ttl() == null
          ? pipeline.set(c.key(), c.value())
          : pipeline.set(c.key(), c.value(), SetParams.setParams().px(c.ttl().toMillis()));
      case HSET -> pipeline.hset(c.key(), c.field(), c.value());
      case ZADD -> pipeline.zadd(c.key(), c.score(), c.value());
      case INCRBY -> pipeline.incrBy(c.key(), c.amount());
      case EXPIRE -> pipeline.pexpire(c.key(), c.ttl().toMillis());
      case DEL -> pipeline.del(c.key());
    };
  }

  private void checkReplies(List<Response<?>> replies) throws RedisSinkException {
    int failed = 0;
    int first = -1;
    JedisDataException firstError = null;
    for (int i = 0; i < replies.size(); i++) {
      try {
        replies.get(i).get();
      } catch (JedisDataException e) {
        if (failed++ == 0) {
          first = i;
          firstError = e;
        }
      }
    }
    if (firstError != null) {
      Pending p = batch.get(first);
      throw new RedisSinkException(name + ": Redis at " + address + " refused " + p.command() + " of "
          + position(p.record()) + ": " + firstError.getMessage()
          + (failed > 1 ? " (and " + (failed - 1) + " more of the same batch of " + commands(batch.size()) + ")" : ""),
          firstError);
    }
  }

  private static String commands(int n) {
    return n == 1 ? "1 command" : n + " commands";
  }

  /** "the 3rd record since the last checkpoint". */
  private String position(long record) {
    return "the " + ordinal(record) + " record " + since();
  }

  /** "records 1 to 20 since the last checkpoint". */
  private String span() {
    long from = batch.get(0).record();
    long to = batch.get(batch.size() - 1).record();
    return (from == to ? "record " + from : "records " + from + " to " + to) + " " + since();
  }

  private String since() {
    return checkpointed ? "since the last checkpoint" : "since the subtask started";
  }

  static String ordinal(long n) {
    long lastTwo = n % 100;
    String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch ((int) (n % 10)) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }

  /**
   * Jedis' message with the cause that explains it, as in "Failed to connect to localhost:6379.
   * (Connection refused)". Jedis keeps the socket's exception as a cause or, when it tried several
   * addresses, as a suppressed exception.
   */
  private static String reason(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root.getSuppressed().length > 0) {
      root = root.getSuppressed()[0];
    }
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message = message + " (" + root.getMessage() + ")";
    }
    return message;
  }

  @Override
  public void close() {
    if (flushTimer != null) {
      flushTimer.cancel();
      flushTimer = null;
    }
    client.close();
  }

  /** A command waiting in the batch, and which record (counted since the last checkpoint) made it. */
  private record Pending(RedisCommand command, long record) {}
}
