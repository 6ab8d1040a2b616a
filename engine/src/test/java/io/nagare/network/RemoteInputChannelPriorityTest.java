package io.nagare.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.runtime.io.Buffer;
import io.nagare.runtime.io.RecordDeserializer;
import io.nagare.runtime.io.StreamEvent;
import io.nagare.serialization.StringSerializer;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A remote channel puts an unaligned barrier that arrives at the front of its receive queue and
 * keeps copies of the data buffers it overtook for the consumer; an aligned barrier queues in order.
 */
class RemoteInputChannelPriorityTest {

  private static RemoteInputChannel channel() {
    return new RemoteInputChannel(0, 0, new RecordDeserializer<>(StringSerializer.INSTANCE), null, null, null, 1, 4, 64);
  }

  private static void data(RemoteInputChannel channel, byte... bytes) {
    channel.onBuffer(new NetworkMessage.BufferResponse(1, Unpooled.wrappedBuffer(bytes), null));
  }

  @Test
  void anUnalignedBarrierOvertakesTheReceiveQueue() {
    RemoteInputChannel channel = channel();
    List<String> notified = new ArrayList<>();
    channel.setPriorityListener(() -> notified.add("priority"));
    data(channel, (byte) 1, (byte) 2);
    data(channel, (byte) 3);
    channel.onBuffer(new NetworkMessage.BufferResponse(1, null, new StreamEvent.CheckpointBarrier(5, 0, true)));

    Buffer first = channel.poll();
    assertThat(first.getEvent()).isInstanceOfSatisfying(StreamEvent.CheckpointBarrier.class,
        b -> assertThat(b.checkpointId()).isEqualTo(5));
    assertThat(notified).containsExactly("priority");
    assertThat(channel.takeOvertaken(5)).containsExactly(new byte[] {1, 2}, new byte[] {3});
    assertThat(channel.takeOvertaken(5)).isEmpty();
    assertThat(channel.poll().copyData()).containsExactly(1, 2);
    assertThat(channel.poll().copyData()).containsExactly(3);
    assertThat(channel.poll()).isNull();
  }

  @Test
  void anAlignedBarrierQueuesBehindTheData() {
    RemoteInputChannel channel = channel();
    data(channel, (byte) 1);
    channel.onBuffer(new NetworkMessage.BufferResponse(1, null, new StreamEvent.CheckpointBarrier(5, 0)));

    assertThat(channel.poll().isEvent()).isFalse();
    assertThat(channel.poll().getEvent()).isInstanceOf(StreamEvent.CheckpointBarrier.class);
    assertThat(channel.takeOvertaken(5)).isEmpty();
  }
}
