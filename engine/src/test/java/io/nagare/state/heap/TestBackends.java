package io.nagare.state.heap;

import io.nagare.serialization.StringSerializer;
import io.nagare.state.KeyGroupRange;

/** Heap backends for tests: String keys, 128 key groups. */
final class TestBackends {
  static final int KEY_GROUPS = 128;

  private TestBackends() {}

  /** A backend owning all key groups. */
  static HeapKeyedStateBackend<String> allKeyGroups() {
    return withRange(new KeyGroupRange(0, KEY_GROUPS - 1));
  }

  static HeapKeyedStateBackend<String> withRange(KeyGroupRange range) {
    return new HeapKeyedStateBackend<>(StringSerializer.INSTANCE, KEY_GROUPS, range, TestSerializers::forType);
  }
}
