package io.nagare.connectors.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionalIdsTest {
  @Test
  void formatsAndParsesIds() {
    assertThat(TransactionalIds.of("orders", 3, 4)).isEqualTo("orders-3-4");
    assertThat(TransactionalIds.parse("orders", "orders-3-4")).contains(new TransactionalIds.Parsed(3, 4));
    assertThat(TransactionalIds.parse("my-orders", "my-orders-12-0")).contains(new TransactionalIds.Parsed(12, 0));
  }

  @Test
  void idsOfOtherPrefixesDoNotParse() {
    assertThat(TransactionalIds.parse("orders", "orders-1-0-2")).isEmpty();
    assertThat(TransactionalIds.parse("orders", "orders-v2-0-1")).isEmpty();
    assertThat(TransactionalIds.parse("orders-1", "orders-1-0")).isEmpty();
    assertThat(TransactionalIds.parse("orders", "orders-1-")).isEmpty();
    assertThat(TransactionalIds.parse("orders", "other-1-0")).isEmpty();
    assertThat(TransactionalIds.parse("orders", "orders-99999999999-0")).isEmpty();
  }
}
