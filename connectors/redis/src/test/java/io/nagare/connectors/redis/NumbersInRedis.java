package io.nagare.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * What the job tests write for each number {@code n} of {@code 0..count-1}, and the check that Redis
 * holds exactly what a run without failures leaves: the latest value per key. Keys group numbers
 * that lie in one source split ({@code n / 10}, {@code n / 100}, {@code n / 1000}, with splits of a
 * multiple of 1000 numbers), so one subtask writes each key, in order, and its latest value is
 * known.
 */
final class NumbersInRedis {
  static final Duration TTL = Duration.ofMinutes(10);

  private NumbersInRedis() {}

  /**
   * For {@code n}: {@code SET <p>:last:<n/10> n}, {@code HSET <p>:hash:<n/100> f<n%100> n}, {@code
   * ZADD <p>:zset n m<n/10>} and {@code SET <p>:ttl:<n/1000> n PX 600000}: all idempotent.
   */
  static RedisMapper<Long> mapper(String prefix) {
    return n -> List.of(
        RedisCommand.set(prefix + ":last:" + n / 10, Long.toString(n)),
        RedisCommand.hset(prefix + ":hash:" + n / 100, "f" + n % 100, Long.toString(n)),
        RedisCommand.zadd(prefix + ":zset", n, "m" + n / 10),
        RedisCommand.set(prefix + ":ttl:" + n / 1000, Long.toString(n), TTL));
  }

  /** Asserts that the keys under {@code prefix} are exactly those {@link #mapper} leaves for {@code 0..count-1}. */
  static void assertHolds(UnifiedJedis redis, String prefix, long count) {
    assertHolds(redis, redis.keys(prefix + ":*"), prefix, count);
  }

  /**
   * As {@link #assertHolds(UnifiedJedis, String, long)}, with the keys under {@code prefix} listed
   * by the caller (a cluster lists them per node); reads key by key, so keys may lie in any slot.
   */
  static void assertHolds(UnifiedJedis redis, Set<String> keysUnderPrefix, String prefix, long count) {
    Set<String> keys = new HashSet<>();
    List<String> lastKeys = new ArrayList<>();
    List<String> lastValues = new ArrayList<>();
    Map<String, Double> zset = new HashMap<>();
    for (long k = 0; k < count / 10; k++) {
      lastKeys.add(prefix + ":last:" + k);
      lastValues.add(Long.toString(k * 10 + 9));
      zset.put("m" + k, (double) (k * 10 + 9));
    }
    keys.addAll(lastKeys);
    for (long h = 0; h < count / 100; h++) {
      keys.add(prefix + ":hash:" + h);
    }
    for (long t = 0; t < count / 1000; t++) {
      keys.add(prefix + ":ttl:" + t);
    }
    keys.add(prefix + ":zset");

    assertThat(keysUnderPrefix).isEqualTo(keys);
    assertThat(lastKeys.stream().map(redis::get).toList()).isEqualTo(lastValues);
    for (long h = 0; h < count / 100; h++) {
      Map<String, String> fields = new HashMap<>();
      for (long f = 0; f < 100; f++) {
        fields.put("f" + f, Long.toString(h * 100 + f));
      }
      assertThat(redis.hgetAll(prefix + ":hash:" + h)).as("hash %d", h).isEqualTo(fields);
    }
    Map<String, Double> scores = new HashMap<>();
    for (Tuple t : redis.zrangeWithScores(prefix + ":zset", 0, -1)) {
      scores.put(t.getElement(), t.getScore());
    }
    assertThat(scores).isEqualTo(zset);
    for (long t = 0; t < count / 1000; t++) {
      String key = prefix + ":ttl:" + t;
      assertThat(redis.get(key)).isEqualTo(Long.toString(t * 1000 + 999));
      assertThat(redis.pttl(key)).as("time to live of %s", key).isBetween(1L, TTL.toMillis());
    }
    for (String key : lastKeys) {
      assertThat(redis.pttl(key)).as("no time to live on %s", key).isEqualTo(-1L);
    }
  }
}
