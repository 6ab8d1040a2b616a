package io.nagare.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.runtime.io.StreamEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the frame decoder: valid frames of every message type round-trip, and random
 * or mutated byte sequences (flipped bytes, cut frames, forged lengths), fed in random pieces, end
 * either as well-formed messages or as a {@link MessageCodec.ProtocolException}, never as another
 * exception, a buffer leak or an allocation larger than the frame limit.
 */
class MessageCodecFuzzTest {
  private static final int INPUTS = 2000;

  private static NetworkMessage randomMessage(Random random) {
    long receiver = random.nextLong();
    switch (random.nextInt(10)) {
      case 0:
        byte[] secret = new byte[random.nextInt(64)];
        random.nextBytes(secret);
        return new NetworkMessage.Hello(random.nextInt(3), secret);
      case 1:
        return new NetworkMessage.Welcome();
      case 2:
        return new NetworkMessage.Reject(text(random));
      case 3:
        return new NetworkMessage.PartitionRequest(receiver, new PartitionId(text(random), random.nextInt(),
            random.nextInt(), random.nextInt()), random.nextInt());
      case 4:
        return new NetworkMessage.AddCredit(receiver, random.nextInt());
      case 5:
        return new NetworkMessage.CancelRequest(receiver);
      case 6:
        return new NetworkMessage.ErrorResponse(receiver, text(random));
      case 7:
        byte[] body = new byte[random.nextInt(200)];
        random.nextBytes(body);
        return new NetworkMessage.Control(body);
      case 8:
        byte[] data = new byte[random.nextInt(300)];
        random.nextBytes(data);
        return new NetworkMessage.BufferResponse(receiver, Unpooled.wrappedBuffer(data), null);
      default:
        StreamEvent[] events = {new StreamEvent.Watermark(random.nextLong()), StreamEvent.EndOfPartition.INSTANCE,
            new StreamEvent.CheckpointBarrier(random.nextLong(), random.nextLong()),
            new StreamEvent.CheckpointBarrier(random.nextLong(), random.nextLong(), true),
            StreamEvent.WatermarkStatusEvent.IDLE};
        return new NetworkMessage.BufferResponse(receiver, null, events[random.nextInt(events.length)]);
    }
  }

  private static String text(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(20); i > 0; i--) {
      s.append((char) (random.nextInt(0x3000) + 1));
    }
    return s.toString();
  }

  private static byte[] encode(NetworkMessage message) {
    EmbeddedChannel channel = new EmbeddedChannel(new MessageCodec.Encoder());
    channel.writeOutbound(message);
    ByteBuf out = channel.readOutbound();
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    out.release();
    return bytes;
  }

  /** {@code bytes} mutated one of several ways. */
  private static byte[] mutate(byte[] bytes, Random random) {
    byte[] b = bytes.clone();
    switch (random.nextInt(5)) {
      case 0:
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
        }
        return b;
      case 1:
        return java.util.Arrays.copyOf(b, random.nextInt(b.length));
      case 2:
        int at = 4 + random.nextInt(Math.max(1, b.length - 4));
        if (at + 4 <= b.length) {
          int[] forged = {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, b.length, 1 << 24};
          java.nio.ByteBuffer.wrap(b).putInt(at, forged[random.nextInt(forged.length)]);
        }
        return b;
      case 3:
        java.nio.ByteBuffer.wrap(b).putInt(0, random.nextInt());
        return b;
      default:
        byte[] noise = new byte[random.nextInt(64)];
        random.nextBytes(noise);
        return noise;
    }
  }

  /** Feeds {@code bytes} in random pieces; the messages decoded, or the protocol violation. */
  private static Object feed(byte[] bytes, Random random) {
    MessageCodec.Decoder decoder = new MessageCodec.Decoder();
    decoder.limit(FrameLimits.DATA);
    EmbeddedChannel channel = new EmbeddedChannel(decoder);
    List<NetworkMessage> messages = new ArrayList<>();
    int offset = 0;
    try {
      while (offset < bytes.length) {
        int n = 1 + random.nextInt(bytes.length - offset);
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, offset, n));
        channel.checkException();
        offset += n;
        for (Object m = channel.readInbound(); m != null; m = channel.readInbound()) {
          messages.add((NetworkMessage) m);
        }
      }
      channel.finishAndReleaseAll();
      return messages;
    } catch (MessageCodec.ProtocolException e) {
      messages.forEach(Handshake::release);
      channel.releaseInbound();
      return e;
    }
  }

  @Test
  void validFramesOfEveryTypeRoundTrip() {
    Random random = new Random(18);
    for (int i = 0; i < 500; i++) {
      NetworkMessage message = randomMessage(random);
      byte[] bytes = encode(message);
      Object decoded = feed(bytes, random);
      assertThat(decoded).asList().hasSize(1);
      NetworkMessage read = (NetworkMessage) ((List<?>) decoded).get(0);
      assertThat(encode(read)).as("%s", message).isEqualTo(bytes);
    }
  }

  @Test
  void mutatedAndRandomBytesEndAsMessagesOrAProtocolException() {
    Random random = new Random(1918);
    int refused = 0;
    for (int i = 0; i < INPUTS; i++) {
      byte[] bytes = mutate(encode(randomMessage(random)), random);
      Object outcome = feed(bytes, random);
      if (outcome instanceof MessageCodec.ProtocolException) {
        refused++;
      } else {
        assertThat(outcome).isInstanceOf(List.class);
        ((List<?>) outcome).forEach(Handshake::release);
      }
    }
    assertThat(refused).as("most mutations break the protocol").isGreaterThan(INPUTS / 3);
  }
}
