package io.nagare.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command factories, what they keep, and what they show. */
class RedisCommandTest {
  @Test
  void eachFactoryKeepsItsArguments() {
    RedisCommand set = RedisCommand.set("k", "v", Duration.ofSeconds(3));
    assertThat(set.type()).isEqualTo(RedisCommand.Type.SET);
    assertThat(set.key()).isEqualTo("k");
    assertThat(set.value()).isEqualTo("v");
    assertThat(set.ttl()).isEqualTo(Duration.ofSeconds(3));

    RedisCommand hset = RedisCommand.hset("h", "f", "v");
    assertThat(hset.field()).isEqualTo("f");
    assertThat(hset.value()).isEqualTo("v");

    RedisCommand zadd = RedisCommand.zadd("z", 1.5, "m");
    assertThat(zadd.score()).isEqualTo(1.5);
    assertThat(zadd.value()).isEqualTo("m");

    assertThat(RedisCommand.incrBy("c", -4).amount()).isEqualTo(-4);
    assertThat(RedisCommand.expire("k", Duration.ofMillis(5)).ttl()).isEqualTo(Duration.ofMillis(5));
    assertThat(RedisCommand.del("k").type()).isEqualTo(RedisCommand.Type.DEL);
    assertThat(RedisCommand.set("k", "v")).isEqualTo(RedisCommand.set("k", "v"))
        .isNotEqualTo(RedisCommand.set("k", "w"));
  }

  @Test
  void onlyIncrByIsNotIdempotent() {
    assertThat(RedisCommand.incrBy("c", 1).isIdempotent()).isFalse();
    assertThat(RedisCommand.set("k", "v").isIdempotent()).isTrue();
    assertThat(RedisCommand.hset("k", "f", "v").isIdempotent()).isTrue();
    assertThat(RedisCommand.zadd("k", 1, "m").isIdempotent()).isTrue();
    assertThat(RedisCommand.expire("k", Duration.ofSeconds(1)).isIdempotent()).isTrue();
    assertThat(RedisCommand.del("k").isIdempotent()).isTrue();
  }

  @Test
  void toStringShowsTheRedisCommandAndKeyButNeverTheValue() {
    assertThat(RedisCommand.set("session:1", "token-123", Duration.ofMinutes(1))).hasToString("SET 'session:1'");
    assertThat(RedisCommand.hset("user:1", "password", "hunter2")).hasToString("HSET 'user:1'");
    assertThat(RedisCommand.zadd("board", 3, "ada")).hasToString("ZADD 'board'");
    assertThat(RedisCommand.incrBy("clicks", 2)).hasToString("INCRBY 'clicks'");
    assertThat(RedisCommand.expire("user:1", Duration.ofDays(1))).hasToString("PEXPIRE 'user:1'");
    assertThat(RedisCommand.del("cart:1")).hasToString("DEL 'cart:1'");
  }

  @Test
  void argumentsRedisWouldRefuseAreRefusedWhereTheCommandIsMade() {
    assertThatThrownBy(() -> RedisCommand.set("k", "v", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A time to live must be at least 1 ms, not PT0S");
    assertThatThrownBy(() -> RedisCommand.zadd("board", Double.NaN, "ada"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("zadd to 'board': the score is NaN, which Redis refuses");
    assertThatThrownBy(() -> RedisCommand.set("k", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value");
  }

  @Test
  void ordinalsReadAsEnglish() {
    assertThat(RedisWriter.ordinal(1)).isEqualTo("1st");
    assertThat(RedisWriter.ordinal(2)).isEqualTo("2nd");
    assertThat(RedisWriter.ordinal(3)).isEqualTo("3rd");
    assertThat(RedisWriter.ordinal(4)).isEqualTo("4th");
    assertThat(RedisWriter.ordinal(11)).isEqualTo("11th");
    assertThat(RedisWriter.ordinal(12)).isEqualTo("12th");
    assertThat(RedisWriter.ordinal(13)).isEqualTo("13th");
    assertThat(RedisWriter.ordinal(21)).isEqualTo("21st");
    assertThat(RedisWriter.ordinal(112)).isEqualTo("112th");
  }
}
