package io.nagare.yarn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
