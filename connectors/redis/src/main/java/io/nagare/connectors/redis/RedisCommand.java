package io.nagare.connectors.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * One Redis write, made by a {@link RedisMapper} and sent by a {@link RedisSink}. Immutable; built
 * with the static factories, one per command the sink can send:
 *
 * <pre>{@code
 * RedisCommand.set("user:42:name", "Ada")
 * RedisCommand.set("session:9", token, Duration.ofMinutes(30))   // SET ... PX 1800000
 * RedisCommand.hset("user:42", "city", "London")
 * RedisCommand.zadd("leaderboard", 1200, "ada")
 * RedisCommand.incrBy("clicks:home", 1)
 * RedisCommand.expire("user:42", Duration.ofDays(1))              // PEXPIRE
 * RedisCommand.del("cart:42")
 * }</pre>
 *
 * <p>Every command but {@link #incrBy} sets a state, so sending it again after a restart leaves
 * Redis as it was: those are written effectively once. {@code incrBy} adds, so a replayed record
 * counts again: at least once. Keys, fields, values and members are strings, sent as UTF-8.
 *
 * <p>{@link #toString()} shows the Redis command and the key only, never the value, since values may
 * be secrets; failure messages of the sink use it.
 */
public final class RedisCommand {
  /** What a command does. */
  public enum Type {
    /** {@code SET key value}, with {@code PX ttl} if it has a time to live. */
    SET,
    /** {@code HSET key field value}. */
    HSET,
    /** {@code ZADD key score member}. */
    ZADD,
    /** {@code INCRBY key amount}. */
    INCRBY,
    /** {@code PEXPIRE key ttl}. */
    EXPIRE,
    /** {@code DEL key}. */
    DEL
  }

  private final Type type;
  private final String key;
  private final String field;
  private final String value;
  private final double score;
  private final long amount;
  private final Duration ttl;

  private RedisCommand(Type type, String key, String field, String value, double score, long amount, Duration ttl) {
    this.type = type;
    this.key = Objects.requireNonNull(key, "key");
    this.field = field;
    this.value = value;
    this.score = score;
    this.amount = amount;
    this.ttl = ttl;
  }

  /** {@code SET key value}: the key holds {@code value} from now on, without a time to live. */
  public static RedisCommand set(String key, String value) {
    return new RedisCommand(Type.SET, key, null, Objects.requireNonNull(value, "value"), 0, 0, null);
  }

  /** {@code SET key value PX ttl}: the key holds {@code value} and expires {@code ttl} after the write. */
  public static RedisCommand set(String key, String value, Duration ttl) {
    return new RedisCommand(Type.SET, key, null, Objects.requireNonNull(value, "value"), 0, 0, checkTtl(ttl));
  }

  /** {@code HSET key field value}: the field of the hash at {@code key} holds {@code value}. */
  public static RedisCommand hset(String key, String field, String value) {
    return new RedisCommand(Type.HSET, key, Objects.requireNonNull(field, "field"),
        Objects.requireNonNull(value, "value"), 0, 0, null);
  }

  /** {@code ZADD key score member}: {@code member} of the sorted set at {@code key} has {@code score}. */
  public static RedisCommand zadd(String key, double score, String member) {
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("zadd to '" + key + "': the score is NaN, which Redis refuses");
    }
    return new RedisCommand(Type.ZADD, key, null, Objects.requireNonNull(member, "member"), score, 0, null);
  }

  /** {@code INCRBY key amount}: adds {@code amount} to the integer at {@code key}. At least once. */
  public static RedisCommand incrBy(String key, long amount) {
    return new RedisCommand(Type.INCRBY, key, null, null, 0, amount, null);
  }

  /** {@code PEXPIRE key ttl}: the key (if it exists) expires {@code ttl} after the write. */
  public static RedisCommand expire(String key, Duration ttl) {
    return new RedisCommand(Type.EXPIRE, key, null, null, 0, 0, checkTtl(ttl));
  }

  /** {@code DEL key}: the key no longer exists. */
  public static RedisCommand del(String key) {
    return new RedisCommand(Type.DEL, key, null, null, 0, 0, null);
  }

  private static Duration checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.toMillis() < 1) {
      throw new IllegalArgumentException("A time to live must be at least 1 ms, not " + ttl);
    }
    return ttl;
  }

  /** What the command does. */
  public Type type() {
    return type;
  }

  /** The key it writes. */
  public String key() {
    return key;
  }

  /** The hash field of {@link Type#HSET}; null for the others. */
  public String field() {
    return field;
  }

  /** The value of {@link Type#SET} and {@link Type#HSET}, the member of {@link Type#ZADD}; null for the others. */
  public String value() {
    return value;
  }

  /** The score of {@link Type#ZADD}; 0 for the others. */
  public double score() {
    return score;
  }

  /** The amount of {@link Type#INCRBY}; 0 for the others. */
  public long amount() {
    return amount;
  }

  /** The time to live of {@link Type#EXPIRE} and of a {@link Type#SET} that has one; null otherwise. */
  public Duration ttl() {
    return ttl;
  }

  /** Whether sending the command twice leaves Redis as sending it once does: all but {@link Type#INCRBY}. */
  public boolean isIdempotent() {
    return type != Type.INCRBY;
  }

  /** The name of the Redis command sent: {@code SET}, {@code HSET}, {@code ZADD}, {@code INCRBY}, {@code PEXPIRE} or {@code DEL}. */
  public String redisName() {
    return type == Type.EXPIRE ? "PEXPIRE" : type.name();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RedisCommand c && type == c.type && key.equals(c.key) && Objects.equals(field, c.field)
        && Objects.equals(value, c.value) && Double.compare(score, c.score) == 0 && amount == c.amount
        && Objects.equals(ttl, c.ttl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, key, field, value, score, amount, ttl);
  }

  /** The Redis command and the key, as in {@code HSET 'user:42'}; never the value. */
  @Override
  public String toString() {
    return redisName() + " '" + key + "'";
  }
}
