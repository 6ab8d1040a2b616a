package io.nagare.state;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.configuration.MemoryOptions;
import io.nagare.api.configuration.TimerServiceFactory;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.state.heap.HeapKeyedStateBackend;
import io.nagare.state.rocksdb.RocksDBKeyedStateBackend;
import io.nagare.state.rocksdb.RocksDBLibrary;
import io.nagare.state.rocksdb.RocksDBMemory;
import java.io.File;

/**
 * Picks the keyed state backend a job's configuration asks for ({@code state.backend.type}) and, for
 * RocksDB, where its timers live ({@code state.backend.rocksdb.timer-service.factory}); RocksDB
 * instances share the process's managed memory if {@code taskmanager.memory.managed.size} is set,
 * and RocksDB's native library starts loading in the background as soon as a configuration names it.
 */
public final class StateBackends {
  private StateBackends() {}

  /**
   * The factory for the configured backend.
   *
   * @throws IllegalArgumentException naming the option and the known backends if the value is not one of them
   */
  public static KeyedStateBackendFactory fromConfiguration(Configuration configuration) {
    String type = configuration.get(CoreOptions.STATE_BACKEND);
    if ("hashmap".equalsIgnoreCase(type)) {
      return HeapFactory.INSTANCE;
    }
    if ("rocksdb".equalsIgnoreCase(type)) {
      RocksDBLibrary.loadAhead();
      String dir = configuration.get(CoreOptions.ROCKSDB_LOCAL_DIRECTORY);
      File local = new File(dir.isEmpty() ? System.getProperty("java.io.tmpdir") : dir);
      boolean incremental = configuration.get(CoreOptions.INCREMENTAL_CHECKPOINTS);
      boolean timersOnHeap = configuration.get(CoreOptions.ROCKSDB_TIMER_SERVICE_FACTORY) == TimerServiceFactory.HEAP;
      RocksDBMemory memory = configuration.contains(MemoryOptions.MANAGED_SIZE)
          ? RocksDBMemory.ofProcess(configuration.get(MemoryOptions.MANAGED_SIZE).getBytes(),
              configuration.get(MemoryOptions.ROCKSDB_WRITE_BUFFER_RATIO))
          : null;
      return new KeyedStateBackendFactory() {
        @Override
        public <K> KeyedStateBackend<K> create(TypeSerializer<K> keySerializer, int numberOfKeyGroups,
            KeyGroupRange keyGroupRange) {
          return new RocksDBKeyedStateBackend<>(keySerializer, numberOfKeyGroups, keyGroupRange, local, incremental,
              memory, timersOnHeap);
        }
      };
    }
    throw new IllegalArgumentException("Unknown state backend '" + type + "' in '" + CoreOptions.STATE_BACKEND.key()
        + "'; known backends: hashmap, rocksdb");
  }

  private enum HeapFactory implements KeyedStateBackendFactory {
    INSTANCE;

    @Override
    public <K> KeyedStateBackend<K> create(TypeSerializer<K> keySerializer, int numberOfKeyGroups,
        KeyGroupRange keyGroupRange) {
      return new HeapKeyedStateBackend<>(keySerializer, numberOfKeyGroups, keyGroupRange);
    }
  }
}
