package io.nagare.state;

import io.nagare.api.serialization.TypeSerializer;

/** Creates the keyed state backend of one keyed operator subtask. */
@FunctionalInterface
public interface KeyedStateBackendFactory {
  <K> KeyedStateBackend<K> create(TypeSerializer<K> keySerializer, int numberOfKeyGroups, KeyGroupRange keyGroupRange);
}
