package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The project's string format: a var-int count of UTF-8 bytes, then the bytes. Standard UTF-8 (not
 * Java's modified UTF-8): supplementary characters take 4 bytes, an unpaired surrogate is written as
 * {@code '?'} exactly as {@link String#getBytes} does. The format is defined here rather than by a
 * view's {@code writeUTF}, whose {@link java.io.DataOutput} contract is a different format. Stateless.
 */
final class Utf8 {
  private Utf8() {}

  static void write(String s, DataOutputView out) throws IOException {
    if (out instanceof DataOutputSerializer) {
      ((DataOutputSerializer) out).writeUTF(s);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeVarInt(bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  static String read(DataInputView in) throws IOException {
    if (in instanceof DataInputDeserializer) {
      return in.readUTF();
    }
    byte[] bytes = new byte[in.readVarInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The number of bytes {@link #encode} writes for {@code s}. */
  static int encodedLength(String s) {
    int len = s.length();
    int bytes = len;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2;
          i++;
        } else if (!Character.isSurrogate(c)) {
          bytes += 2;
        }
      }
    }
    return bytes;
  }

  /** Encodes {@code s} into {@code target} from {@code pos}; returns the position after the last byte. */
  static int encode(String s, byte[] target, int pos) {
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        target[pos++] = (byte) c;
      } else if (c < 0x800) {
        target[pos++] = (byte) (0xC0 | (c >> 6));
        target[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        target[pos++] = (byte) (0xF0 | (cp >> 18));
        target[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        target[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        target[pos++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        target[pos++] = '?';
      } else {
        target[pos++] = (byte) (0xE0 | (c >> 12));
        target[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        target[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return pos;
  }
}
