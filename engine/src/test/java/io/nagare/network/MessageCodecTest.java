package io.nagare.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Malformed frames the fuzzer found: each is a {@link MessageCodec.ProtocolException} naming what is wrong. */
class MessageCodecTest {
  @Test
  void aBufferWhoseLengthIsNegativeOrBeyondTheFrameIsRefused() {
    for (int length : new int[] {-5, 100}) {
      assertThatThrownBy(() -> MessageCodec.read(Unpooled.buffer().writeByte(8).writeLong(1).writeByte(0)
          .writeInt(length).writeBytes(new byte[3])))
          .isInstanceOf(MessageCodec.ProtocolException.class)
          .hasMessage("malformed buffer of " + length + " bytes");
    }
  }

  @Test
  void aTruncatedFrameIsRefused() {
    assertThatThrownBy(() -> MessageCodec.read(Unpooled.buffer().writeByte(5).writeLong(1)))
        .isInstanceOf(MessageCodec.ProtocolException.class)
        .hasMessage("truncated frame of 9 bytes");
  }

  @Test
  void bytesAfterAMessageAreRefused() {
    assertThatThrownBy(() -> MessageCodec.read(Unpooled.buffer().writeByte(6).writeLong(1).writeShort(7)))
        .isInstanceOf(MessageCodec.ProtocolException.class)
        .hasMessage("2 unexpected bytes after a CancelRequest");
    assertThat(MessageCodec.read(Unpooled.buffer().writeByte(6).writeLong(1)))
        .isEqualTo(new NetworkMessage.CancelRequest(1));
  }
}
