package io.nagare.yarn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The mini cluster does not enforce container memory, so the split is checked here. */
class ProcessMemoryTest {

  @Test
  void theDefaultTaskManagerSizeLeavesRoomForEveryPart() {
    ProcessMemory m = ProcessMemory.of(1728, 256, "taskmanager.memory.process.size");
    assertThat(m.overheadMb()).isEqualTo(192);
    assertThat(m.directMb()).isEqualTo(172);
    assertThat(m.heapMb()).isEqualTo(1728 - 192 - 172 - 256);
    assertThat(m.heapMb() + m.metaspaceMb() + m.directMb() + m.overheadMb()).isEqualTo(1728);
    assertThat(m.jvmOptions()).containsExactly("-Xmx1108m", "-Xms1108m", "-XX:MaxMetaspaceSize=256m",
        "-XX:MaxDirectMemorySize=172m");
  }

  @Test
  void largeContainersGiveTenPercentToOverheadAndDirectMemory() {
    ProcessMemory m = ProcessMemory.of(8192, 256, "taskmanager.memory.process.size");
    assertThat(m.overheadMb()).isEqualTo(819);
    assertThat(m.directMb()).isEqualTo(819);
    assertThat(m.heapMb()).isEqualTo(8192 - 819 - 819 - 256);
  }

  @Test
  void aTaskManagerOfTheHeapBackendHasNoManagedMemory() {
    ProcessMemory m = ProcessMemory.forTaskManager(1728, new Configuration(), "taskmanager.memory.process.size");
    assertThat(m).isEqualTo(new ProcessMemory(1728, 1108, 256, 172, 0, 192));
  }

  @Test
  void withRocksDbManagedMemoryIsItsFractionOfWhatOverheadAndMetaspaceLeave() {
    Configuration conf = new Configuration();
    conf.setString("state.backend.type", "rocksdb");
    ProcessMemory m = ProcessMemory.forTaskManager(1728, conf, "taskmanager.memory.process.size");
    assertThat(m.managedMb()).isEqualTo((1728 - 192 - 256) * 4 / 10);
    assertThat(m.heapMb()).isEqualTo(1728 - 192 - 256 - 172 - 512);
    assertThat(m.heapMb() + m.metaspaceMb() + m.directMb() + m.managedMb() + m.overheadMb()).isEqualTo(1728);

    conf.setString("taskmanager.memory.managed.size", "300m");
    conf.setString("taskmanager.memory.jvm-overhead.fraction", "0.2");
    conf.setString("taskmanager.memory.jvm-metaspace.size", "128m");
    assertThat(ProcessMemory.forTaskManager(4096, conf, "taskmanager.memory.process.size"))
        .isEqualTo(new ProcessMemory(4096, 4096 - 819 - 128 - 409 - 300, 128, 409, 300, 819));
  }

  @Test
  void aTaskManagerSizeWithoutRoomForManagedMemoryAndAHeapIsRefusedNamingTheParts() {
    Configuration conf = new Configuration();
    conf.setString("state.backend.type", "rocksdb");
    assertThatThrownBy(() -> ProcessMemory.forTaskManager(700, conf, "taskmanager.memory.process.size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("taskmanager.memory.process.size of 700 MB is too small: a process needs at least 746 MB (JVM"
            + " overhead 192 MB, direct memory 70 MB, metaspace 256 MB, managed memory 100 MB, heap at least 128 MB)");
  }

  @Test
  void aSizeWithoutRoomForAHeapIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> ProcessMemory.of(256, 128, "jobmanager.memory.process.size"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("jobmanager.memory.process.size of 256 MB is too small: a process needs at least 512 MB (JVM"
            + " overhead 192 MB, direct memory 64 MB, metaspace 128 MB, heap at least 128 MB)");
    assertThatThrownBy(() -> ProcessMemory.of(600, 256, "taskmanager.memory.process.size"))
        .hasMessageStartingWith("taskmanager.memory.process.size of 600 MB is too small: a process needs at least"
            + " 640 MB");
  }
}
