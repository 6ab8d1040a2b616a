package io.nagare.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.serialization.StringSerializer;
import io.nagare.state.KeyGroupRange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RocksDB instances given the process's managed memory share one block cache, to which their write
 * buffers are charged: whatever they write and read, the cache holds no more than the managed size.
 */
class RocksDBMemoryTest {
  private static final long MANAGED = 48L << 20;

  @Test
  void instancesWritingAndReadingFarMoreThanManagedMemoryStayWithinIt(@TempDir Path temp) throws Exception {
    RocksDBMemory memory = RocksDBMemory.ofProcess(MANAGED, 0.5);
    assertThat(RocksDBMemory.ofProcess(1L << 30, 0.9)).as("one per process").isSameAs(memory);
    List<RocksDBKeyedStateBackend<String>> backends = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        backends.add(new RocksDBKeyedStateBackend<>(StringSerializer.INSTANCE, 128, new KeyGroupRange(0, 127),
            temp.resolve("db").toFile(), false, memory, false));
      }
      String value = "x".repeat(1024);
      long most = 0;
      for (RocksDBKeyedStateBackend<String> b : backends) {
        ValueState<String> state = b.getOrCreateKeyedState(new ValueStateDescriptor<>("v", Types.STRING));
        for (int k = 0; k < 32_768; k++) {
          b.setCurrentKey("key-" + k);
          state.update(value);
          most = Math.max(most, memory.usage());
        }
      }
      assertThat(most).as("usage while 4 x 32 MB were written").isPositive().isLessThanOrEqualTo(MANAGED);
      for (RocksDBKeyedStateBackend<String> b : backends) {
        ValueState<String> state = b.getOrCreateKeyedState(new ValueStateDescriptor<>("v", Types.STRING));
        for (int k = 0; k < 32_768; k += 7) {
          b.setCurrentKey("key-" + k);
          assertThat(state.value()).isEqualTo(value);
          most = Math.max(most, memory.usage());
        }
      }
      assertThat(most).as("usage while they were read back").isLessThanOrEqualTo(MANAGED);
    } finally {
      backends.forEach(RocksDBKeyedStateBackend::close);
    }
  }
}
