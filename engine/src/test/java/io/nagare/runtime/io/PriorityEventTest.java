package io.nagare.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.serialization.StringSerializer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An unaligned barrier overtakes queued buffers in a subpartition and is served first by the gate. */
class PriorityEventTest {

  private static RecordWriter<String> writer(ResultSubpartition... subpartitions) {
    return new RecordWriter<>(subpartitions, new BufferPool(16, 64), StringSerializer.INSTANCE, r -> 0);
  }

  @Test
  void aPriorityBarrierGoesAheadOfQueuedBuffersAndReturnsCopiesOfThem() throws Exception {
    ResultSubpartition subpartition = new ResultSubpartition();
    List<String> notified = new ArrayList<>();
    subpartition.setDataListener(() -> notified.add("data"));
    subpartition.setPriorityListener(() -> notified.add("priority"));
    RecordWriter<String> writer = writer(subpartition);
    for (int i = 0; i < 10; i++) {
      writer.emit("record-" + i, Long.MIN_VALUE);
    }
    writer.emit("last", Long.MIN_VALUE);
    List<List<byte[]>> overtaken = writer.broadcastPriorityEvent(new StreamEvent.CheckpointBarrier(7, 0, true));

    Buffer first = subpartition.poll();
    assertThat(first.isEvent()).isTrue();
    assertThat(first.getEvent()).isInstanceOfSatisfying(StreamEvent.CheckpointBarrier.class,
        b -> assertThat(b.checkpointId()).isEqualTo(7));
    List<byte[]> queued = new ArrayList<>();
    Buffer b;
    while ((b = subpartition.poll()) != null) {
      queued.add(b.copyData());
    }
    assertThat(overtaken).hasSize(1);
    assertThat(overtaken.get(0)).hasSameSizeAs(queued);
    for (int i = 0; i < queued.size(); i++) {
      assertThat(overtaken.get(0).get(i)).isEqualTo(queued.get(i));
    }
    assertThat(read(overtaken.get(0))).containsExactly("record-0", "record-1", "record-2", "record-3", "record-4",
        "record-5", "record-6", "record-7", "record-8", "record-9", "last");
    assertThat(notified).endsWith("data", "priority");
  }

  @Test
  void theGateServesAChannelWithAPriorityEventBeforeTheOthers() {
    ResultSubpartition[] subpartitions = {new ResultSubpartition(), new ResultSubpartition(), new ResultSubpartition()};
    List<InputChannel> channels = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      channels.add(new LocalInputChannel(i, 0, new RecordDeserializer<>(StringSerializer.INSTANCE), subpartitions[i]));
    }
    InputGate gate = new InputGate(channels, () -> {});
    gate.start();
    BufferPool pool = new BufferPool(4, 64);
    for (ResultSubpartition s : subpartitions) {
      Buffer data = pool.tryRequestBuffer();
      data.setSize(0);
      s.add(data);
    }
    subpartitions[2].addPriority(Buffer.event(new StreamEvent.CheckpointBarrier(1, 0, true)));

    Buffer next = gate.pollNext();
    assertThat(gate.lastChannel().channelIndex()).isEqualTo(2);
    assertThat(next.getEvent()).isInstanceOf(StreamEvent.CheckpointBarrier.class);
  }

  @Test
  void aPriorityEventIsTakenBetweenRecordsOnceAndNeverTwice() {
    ResultSubpartition[] subpartitions = {new ResultSubpartition(), new ResultSubpartition()};
    List<InputChannel> channels = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      channels.add(new LocalInputChannel(i, 0, new RecordDeserializer<>(StringSerializer.INSTANCE), subpartitions[i]));
    }
    InputGate gate = new InputGate(channels, () -> {});
    gate.start();
    Buffer data = new BufferPool(1, 64).tryRequestBuffer();
    subpartitions[0].add(data);
    assertThat(gate.hasPriorityEvent()).isFalse();
    assertThat(gate.pollPriority()).isNull();

    subpartitions[1].addPriority(Buffer.event(new StreamEvent.CheckpointBarrier(3, 0, true)));
    subpartitions[0].addPriority(Buffer.event(new StreamEvent.CheckpointBarrier(3, 0, true)));
    assertThat(gate.hasPriorityEvent()).isTrue();
    assertThat(gate.pollNext().isEvent()).isTrue();
    assertThat(gate.lastChannel().channelIndex()).isZero();

    Buffer next = gate.pollPriority();
    assertThat(gate.lastChannel().channelIndex()).isEqualTo(1);
    assertThat(next.getEvent()).isInstanceOf(StreamEvent.CheckpointBarrier.class);
    assertThat(gate.pollPriority()).as("channel 0's barrier was taken by pollNext; its data is no priority event")
        .isNull();
    assertThat(gate.hasPriorityEvent()).isFalse();
    assertThat(gate.pollNext()).isSameAs(data);
  }

  @Test
  void aDeserializerStoppedBetweenRecordsHandsOverTheRestOfItsBuffer() throws Exception {
    ResultSubpartition subpartition = new ResultSubpartition();
    RecordWriter<String> writer = new RecordWriter<>(new ResultSubpartition[] {subpartition}, new BufferPool(16, 256),
        StringSerializer.INSTANCE, r -> 0);
    for (int i = 0; i < 5; i++) {
      writer.emit("record-" + i, Long.MIN_VALUE);
    }
    writer.flushAll();
    RecordDeserializer<String> in = new RecordDeserializer<>(StringSerializer.INSTANCE);
    in.setBuffer(subpartition.poll());
    assertThat(in.next()).isTrue();
    assertThat(in.next()).isTrue();
    assertThat(in.record()).isEqualTo("record-1");

    assertThat(read(List.of(in.unreadBytes()))).containsExactly("record-2", "record-3", "record-4");
    while (in.next()) {
      assertThat(in.record()).startsWith("record-");
    }
    assertThat(in.unreadBytes()).isNull();
  }

  /** The records in {@code buffers}, read in order through one deserializer. */
  static List<String> read(List<byte[]> buffers) throws Exception {
    RecordDeserializer<String> in = new RecordDeserializer<>(StringSerializer.INSTANCE);
    List<String> records = new ArrayList<>();
    for (byte[] data : buffers) {
      in.setBuffer(Buffer.unpooled(data));
      while (in.next()) {
        records.add(in.record());
      }
    }
    assertThat(in.hasPartialRecord()).isFalse();
    return records;
  }
}
