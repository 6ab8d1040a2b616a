package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint metadata format: what version 3 keeps, and that versions 1 and 2 are still read. */
class CheckpointMetadataTest {
  @Test
  void metadataKeepsEachPartsFileSizeAndSharedFiles(@TempDir Path dir) throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.toUri().toString(), "job-1");
    TaskStateHandle plain = storage.writeTaskState(7, 0, -1, new byte[] {1, 2, 3});
    TaskStateHandle rocks = new TaskStateHandle(1, 0, storage.checkpointDirectory(7) + "/1-0", 40,
        Map.of("file:/x/shared/a.sst", 100L, "file:/x/shared/b.sst", 200L), Set.of("file:/x/shared/a.sst"), 200);
    storage.writeMetadata(7, 1234, List.of(plain, rocks), Map.of("counter", 256, "window", 64), Map.of(3, List.of("bounded", "parse")));

    CheckpointMetadata read = CheckpointStorage.readMetadata(storage.checkpointDirectory(7).toString());

    assertThat(read.checkpointId()).isEqualTo(7);
    assertThat(read.states()).hasSize(2);
    assertThat(read.states().get(0)).isEqualTo(new TaskStateHandle(0, -1, plain.path(), 3));
    assertThat(read.states().get(1).path()).isEqualTo(rocks.path());
    assertThat(read.states().get(1).size()).isEqualTo(40);
    assertThat(read.states().get(1).sharedFiles())
        .isEqualTo(Map.of("file:/x/shared/a.sst", 100L, "file:/x/shared/b.sst", 200L));
    assertThat(storage.isOwnCheckpoint(storage.checkpointDirectory(7).toString())).isTrue();
    assertThat(storage.isOwnCheckpoint(dir.resolve("job-2").resolve("chk-7").toUri().toString())).isFalse();
    assertThat(storage.completedCheckpointIds()).containsExactly(7L);
    assertThat(read.maxParallelism()).isEqualTo(Map.of("counter", 256, "window", 64));
    assertThat(read.finishedVertices()).isEqualTo(Map.of(3, List.of("bounded", "parse")));
  }

  @Test
  void olderMetadataIsReadWithoutWhatItLackedAndNewerVersionsAreRefused(@TempDir Path dir) throws Exception {
    Path checkpoint = Files.createDirectories(dir.resolve("chk-3"));
    writeMetadata(checkpoint, 1);
    CheckpointMetadata read = CheckpointStorage.readMetadata(checkpoint.toUri().toString());
    assertThat(read.checkpointId()).isEqualTo(3);
    assertThat(read.states()).singleElement().satisfies(s -> {
      assertThat(s.path()).endsWith("chk-3/0-1");
      assertThat(s.size()).isEqualTo(9);
      assertThat(s.sharedFiles()).isEmpty();
    });
    assertThat(read.maxParallelism()).isNull();

    writeMetadata(checkpoint, 2);
    CheckpointMetadata two = CheckpointStorage.readMetadata(checkpoint.toUri().toString());
    assertThat(two.states()).singleElement().satisfies(s -> assertThat(s.sharedFiles()).isEmpty());
    assertThat(two.maxParallelism()).isNull();

    writeMetadata(checkpoint, 4);
    assertThatThrownBy(() -> CheckpointStorage.readMetadata(checkpoint.toUri().toString()))
        .hasMessageEndingWith("_metadata has metadata version 4; this version of nagare reads versions 1 to 3");
  }

  @Test
  void aRestoreOfACheckpointWithAMissingOrCutStateFileFailsNamingIt(@TempDir Path dir) throws Exception {
    CheckpointStorage storage = new CheckpointStorage(dir.toUri().toString(), "job-1");
    TaskStateHandle state = storage.writeTaskState(4, 0, 0, new byte[] {0, 0, 0, 1, 0, 0, 0, 0});
    storage.writeMetadata(4, 99, List.of(state), Map.of(), Map.of());
    String checkpoint = storage.checkpointDirectory(4).toString();
    Path file = Path.of(java.net.URI.create(state.path()));
    assertThat(JobRestore.read(checkpoint).checkpointId()).isEqualTo(4);

    Files.write(file, new byte[] {0, 0, 0, 1});
    assertThatThrownBy(() -> JobRestore.read(checkpoint))
        .hasMessage("Checkpoint state file " + state.path() + " has 4 bytes; its checkpoint's metadata says 8");
    Files.delete(file);
    assertThatThrownBy(() -> JobRestore.read(checkpoint))
        .hasMessage("Checkpoint state file " + state.path() + " is missing");
  }

  private static void writeMetadata(Path checkpoint, int version) throws Exception {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(checkpoint.resolve("_metadata")))) {
      out.writeInt(CheckpointStorage.MAGIC);
      out.writeInt(version);
      out.writeLong(3);
      out.writeLong(99);
      out.writeInt(1);
      out.writeInt(0);
      out.writeInt(1);
      out.writeUTF("0-1");
      out.writeLong(9);
      if (version >= 2) {
        out.writeInt(0);
      }
    }
  }
}
