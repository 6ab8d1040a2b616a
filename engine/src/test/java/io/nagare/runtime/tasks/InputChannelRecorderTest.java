package io.nagare.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.runtime.checkpoint.ChannelState;
import io.nagare.runtime.io.Buffer;
import io.nagare.runtime.io.BufferPool;
import io.nagare.runtime.io.InputChannel;
import io.nagare.runtime.io.InputGate;
import io.nagare.runtime.io.LocalInputChannel;
import io.nagare.runtime.io.RecordDeserializer;
import io.nagare.runtime.io.RecordWriter;
import io.nagare.runtime.io.ResultSubpartition;
import io.nagare.runtime.io.StreamEvent;
import io.nagare.serialization.StringSerializer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-flight data of an unaligned checkpoint, recorded on both sides of two channels whose
 * records span buffers, replays to exactly the records the consumer had not processed at its
 * snapshot: per channel, the consumer's partial record and the buffers it took before that
 * channel's barrier, then what the producer's barrier overtook.
 */
class InputChannelRecorderTest {
  private final ResultSubpartition[] subpartitions = {new ResultSubpartition(), new ResultSubpartition()};
  private final List<RecordWriter<String>> writers = List.of(writer(subpartitions[0]), writer(subpartitions[1]));
  private final List<InputChannel> channels = List.of(
      new LocalInputChannel(0, 0, new RecordDeserializer<>(StringSerializer.INSTANCE), subpartitions[0]),
      new LocalInputChannel(1, 0, new RecordDeserializer<>(StringSerializer.INSTANCE), subpartitions[1]));
  private final InputGate gate = new InputGate(channels, () -> {});
  private final List<List<String>> processed = List.of(new ArrayList<>(), new ArrayList<>());

  private static RecordWriter<String> writer(ResultSubpartition subpartition) {
    return new RecordWriter<>(new ResultSubpartition[] {subpartition}, new BufferPool(64, 32),
        StringSerializer.INSTANCE, r -> 0);
  }

  /** Records of 25 to 34 bytes: most span two or three 32-byte buffers. */
  private static String record(int channel, int i) {
    return "channel-" + channel + "-record-" + i + "-".repeat(i % 10);
  }

  private void emit(int channel, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      writers.get(channel).emit(record(channel, i), Long.MIN_VALUE);
    }
  }

  /** Takes one buffer from the gate; data is processed (and shown to the recorder), an event returned. */
  private StreamEvent take(InputChannelRecorder recorder) throws Exception {
    Buffer buffer = gate.pollNext();
    InputChannel channel = gate.lastChannel();
    if (buffer.isEvent()) {
      return buffer.getEvent();
    }
    if (recorder != null) {
      recorder.onData(channel, buffer);
    }
    @SuppressWarnings("unchecked")
    RecordDeserializer<String> in = (RecordDeserializer<String>) channel.deserializer();
    in.setBuffer(buffer);
    while (in.next()) {
      processed.get(channel.channelIndex()).add(in.record());
    }
    buffer.recycle();
    return null;
  }

  @Test
  void replayingBothSidesYieldsExactlyTheRecordsNotProcessedAtTheSnapshot() throws Exception {
    gate.start();
    emit(0, 0, 40);
    emit(1, 0, 40);
    writers.forEach(RecordWriter::flushAll);
    for (int i = 0; i < 7; i++) {
      assertThat(take(null)).isNull();
    }
    assertThat(channels.get(0).deserializer().hasPartialRecord() || channels.get(1).deserializer().hasPartialRecord())
        .as("a record spans the cut").isTrue();

    StreamEvent.CheckpointBarrier barrier = new StreamEvent.CheckpointBarrier(1, 0, true);
    List<byte[]> output0 = writers.get(0).broadcastPriorityEvent(barrier).get(0);
    assertThat(take(null)).isEqualTo(barrier);
    InputChannelRecorder recorder = new InputChannelRecorder(
        new StreamTask.PendingCheckpoint(1, List.of(), List.of(), List.of()), channels);
    recorder.onBarrier(channels.get(0), channels.get(0).takeOvertaken(1));
    List<List<String>> atSnapshot = List.of(List.copyOf(processed.get(0)), List.copyOf(processed.get(1)));
    assertThat(recorder.isComplete(channels)).isFalse();

    gate.block(channels.get(0));
    for (int i = 0; i < 5; i++) {
      assertThat(take(recorder)).isNull();
    }
    emit(1, 40, 50);
    List<byte[]> output1 = writers.get(1).broadcastPriorityEvent(barrier).get(0);
    assertThat(take(recorder)).isEqualTo(barrier);
    recorder.onBarrier(channels.get(1), channels.get(1).takeOvertaken(1));
    assertThat(recorder.isComplete(channels)).isTrue();

    List<ChannelState.InputData> inputs = recorder.inputs();
    List<String> replayed0 = replay(inputs, 0, output0);
    List<String> replayed1 = replay(inputs, 1, output1);
    assertThat(concat(atSnapshot.get(0), replayed0)).containsExactlyElementsOf(expected(0, 40));
    assertThat(concat(atSnapshot.get(1), replayed1)).containsExactlyElementsOf(expected(1, 50));
    assertThat(replayed0).isNotEmpty();
    assertThat(replayed1).isNotEmpty();
  }

  private static List<String> replay(List<ChannelState.InputData> inputs, int channel, List<byte[]> output)
      throws Exception {
    List<byte[]> stream = new ArrayList<>();
    for (ChannelState.InputData in : inputs) {
      if (in.channelIndex() == channel) {
        if (in.unreadBytes().length > 0) {
          stream.add(in.unreadBytes());
        }
        stream.addAll(in.buffers());
      }
    }
    stream.addAll(output);
    RecordDeserializer<String> in = new RecordDeserializer<>(StringSerializer.INSTANCE);
    List<String> records = new ArrayList<>();
    for (byte[] data : stream) {
      in.setBuffer(Buffer.unpooled(data));
      while (in.next()) {
        records.add(in.record());
      }
    }
    assertThat(in.hasPartialRecord()).isFalse();
    return records;
  }

  private static List<String> expected(int channel, int count) {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(record(channel, i));
    }
    return records;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
