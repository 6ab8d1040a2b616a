package io.nagare.testing;

import io.nagare.api.source.SimpleVersionedSerializer;
import java.nio.charset.StandardCharsets;

/** Strings as their UTF-8 bytes, version 1: committables and writer states of test sinks. */
public final class Utf8Strings implements SimpleVersionedSerializer<String> {
  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String deserialize(int version, byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
