package io.nagare.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.MemorySize;
import io.nagare.api.configuration.NetworkOptions;
import io.nagare.api.configuration.SecurityOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames longer than a connection accepts close it before anything of them is buffered: a
 * handshake-sized limit until the peer proved the cluster secret, the data or control limit after.
 */
class FrameLimitsTest {
  private final ClusterSecret secret = ClusterSecret.generate();

  private EmbeddedChannel server(int maxFrame) {
    return new EmbeddedChannel(new MessageCodec.Decoder(), new MessageCodec.Encoder(),
        new Handshake.Server(secret, "The test server", maxFrame));
  }

  private static ByteBuf header(int length) {
    return Unpooled.buffer().writeInt(length).writeByte(9);
  }

  private static NetworkMessage answer(EmbeddedChannel channel) {
    ByteBuf out = channel.readOutbound();
    try {
      out.skipBytes(4);
      return MessageCodec.read(out);
    } finally {
      out.release();
    }
  }

  @Test
  void aLongFrameBeforeTheHandshakeIsRefusedUnreadAndTheConnectionClosed() {
    EmbeddedChannel channel = server(FrameLimits.DATA);
    channel.writeInbound(header(1 << 30));
    assertThat(answer(channel)).isEqualTo(new NetworkMessage.Reject("Connection refused: it announced a frame of"
        + " 1073741824 bytes; this connection accepts 1 to 4096 before the handshake"));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void afterTheHandshakeTheConnectionsOwnLimitApplies() {
    EmbeddedChannel channel = server(10_000);
    channel.writeOutbound(new NetworkMessage.Hello(NetworkMessage.VERSION, secret.bytes()));
    channel.writeInbound((Object) channel.readOutbound());
    assertThat(answer(channel)).isEqualTo(new NetworkMessage.Welcome());

    byte[] body = new byte[9_000];
    channel.writeOutbound(new NetworkMessage.Control(body));
    channel.writeInbound((Object) channel.readOutbound());
    NetworkMessage.Control read = channel.readInbound();
    assertThat(read.body()).hasSize(9_000);

    assertThatThrownBy(() -> channel.writeInbound(header(10_001)))
        .isInstanceOf(MessageCodec.FrameTooLongException.class)
        .hasMessage("it announced a frame of 10001 bytes; this connection accepts 1 to 10000");
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[20_000]));
    assertThat((Object) channel.readInbound()).as("everything after the refused frame is dropped").isNull();
  }

  @Test
  void negativeAndEmptyFramesAreRefused() {
    for (int length : List.of(0, -1, Integer.MIN_VALUE)) {
      EmbeddedChannel channel = new EmbeddedChannel(new MessageCodec.Decoder());
      assertThatThrownBy(() -> channel.writeInbound(header(length)))
          .isInstanceOf(MessageCodec.FrameTooLongException.class)
          .hasMessage("it announced a frame of " + length + " bytes; this connection accepts 1 to 4096 before the"
              + " handshake");
    }
  }

  @Test
  void theSettingsAreBoundedAndNamed() {
    Configuration conf = new Configuration().set(SecurityOptions.CONTROL_MAX_MESSAGE_SIZE, MemorySize.parse("1 mb"));
    assertThatThrownBy(() -> FrameLimits.control(conf)).hasMessage("cluster.control.max-message-size is 1048576"
        + " bytes; it must be between 8388608 (a jar chunk must fit) and 2147483639");
    assertThat(FrameLimits.control(new Configuration())).isEqualTo(16 << 20);
    Configuration segments = new Configuration().set(NetworkOptions.SEGMENT_SIZE, MemorySize.parse("32 mb"));
    assertThatThrownBy(() -> FrameLimits.segmentSize(segments)).hasMessage("taskmanager.memory.segment-size is"
        + " 33554432 bytes; a network buffer travels in one data frame, which holds at most 16777216 bytes");
    assertThat(FrameLimits.refuseGraph(12 << 20, 16 << 20)).isEqualTo("The job graph is 12582912 bytes; deployed"
        + " base64-encoded it needs a control message of about 16842752 bytes, more than"
        + " cluster.control.max-message-size (16777216 bytes) allows. Make the functions smaller (large data belongs"
        + " in a source or a file), or raise cluster.control.max-message-size on every process of the cluster");
    assertThat(FrameLimits.refuseGraph(1 << 20, 16 << 20)).isNull();
  }
}
