package io.nagare.state;

import io.nagare.api.configuration.Configuration;

/** Picks the keyed state backend a job's configuration asks for. */
public final class StateBackends {
  private StateBackends() {}

  public static KeyedStateBackendFactory fromConfiguration(Configuration configuration) {
    return new KeyedStateBackendFactory() {
      @Override
      public <K> KeyedStateBackend<K> create(io.nagare.api.serialization.TypeSerializer<K> keySerializer,
          int numberOfKeyGroups, KeyGroupRange keyGroupRange) {
        throw new UnsupportedOperationException("The heap state backend is being written");
      }
    };
  }
}
