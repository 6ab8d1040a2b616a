package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.serialization.DataOutputViewStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-flight data of an unaligned checkpoint in a subtask's state file (version 3), written and read back. */
class ChannelStateFileTest {

  private static TaskStateHandle write(Path file, ChannelState state) throws IOException {
    try (OutputStream stream = Files.newOutputStream(file)) {
      DataOutputViewStream out = new DataOutputViewStream(stream);
      TaskStateFile.write(List.of(), state, out, null);
      out.flush();
    }
    return new TaskStateHandle(1, 0, file.toUri().toString(), Files.size(file));
  }

  @Test
  void inFlightDataRoundTrips(@TempDir Path dir) throws IOException {
    ChannelState state = new ChannelState(3,
        List.of(new ChannelState.InputData(0, new byte[] {0, 0, 0, 9, 1, 2}, List.of(new byte[] {3, 4, 5})),
            new ChannelState.InputData(2, null, List.of(new byte[] {6}, new byte[] {7, 8}))),
        List.of(2, 1), List.of(new ChannelState.OutputData(0, 1, List.of(new byte[] {9, 10})),
            new ChannelState.OutputData(1, 0, List.of(new byte[] {11}))));
    TaskStateHandle handle = write(dir.resolve("state"), state);

    TaskStateFile.Contents contents = TaskStateFile.readContents(handle);
    assertThat(contents.operators()).isEmpty();
    ChannelState read = TaskStateFile.readChannelState(contents.channelState(), handle.path());
    assertThat(read.inputChannels()).isEqualTo(3);
    assertThat(read.inputs()).hasSize(2);
    assertThat(read.inputs().get(0).channelIndex()).isZero();
    assertThat(read.inputs().get(0).unreadBytes()).containsExactly(0, 0, 0, 9, 1, 2);
    assertThat(read.inputs().get(0).buffers()).containsExactly(new byte[] {3, 4, 5});
    assertThat(read.inputs().get(1).channelIndex()).isEqualTo(2);
    assertThat(read.inputs().get(1).unreadBytes()).isEmpty();
    assertThat(read.inputs().get(1).buffers()).containsExactly(new byte[] {6}, new byte[] {7, 8});
    assertThat(read.outputChannels()).containsExactly(2, 1);
    assertThat(read.outputs()).extracting(ChannelState.OutputData::writerIndex, ChannelState.OutputData::channel)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(1, 0));
    assertThat(read.outputs().get(0).buffers()).containsExactly(new byte[] {9, 10});
    assertThat(read.bytes()).isEqualTo(state.bytes()).isEqualTo(15);
  }

  @Test
  void aStateWithoutInFlightDataHasNoBlock(@TempDir Path dir) throws IOException {
    TaskStateHandle handle = write(dir.resolve("state"), ChannelState.NONE);

    assertThat(TaskStateFile.readContents(handle).channelState()).isNull();
    assertThat(TaskStateFile.readChannelState(null, handle.path())).isSameAs(ChannelState.NONE);
  }

  @Test
  void aCorruptCountIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("state");
    TaskStateHandle handle = write(file, new ChannelState(1,
        List.of(new ChannelState.InputData(0, null, List.of(new byte[] {1}))), List.of(), List.of()));
    byte[] bytes = Files.readAllBytes(file);
    bytes[4 + 4 + 3] = 100;
    Files.write(file, bytes);

    TaskStateFile.Contents contents = TaskStateFile.readContents(handle);
    assertThatThrownBy(() -> TaskStateFile.readChannelState(contents.channelState(), handle.path()))
        .isInstanceOf(IOException.class)
        .hasMessage("Corrupt in-flight data in " + handle.path() + ": 100 entries announced in a block of 33 bytes");
  }
}
