package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.serialization.DataInputDeserializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A corrupt count in a subtask state file is refused before anything of that size is allocated. */
class CorruptStateTest {
  @Test
  void aLengthBeyondTheBytesLeftIsRefused() {
    byte[] bytes = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(7).array();
    assertThatThrownBy(() -> TaskStateFile.readInlinePart("op", new DataInputDeserializer(bytes)))
        .isInstanceOf(IOException.class)
        .hasMessage("Corrupt subtask state: 2147483647 entries announced, 4 bytes left");
  }

  @Test
  void aNegativeLengthIsRefused() {
    byte[] bytes = ByteBuffer.allocate(4).putInt(-3).array();
    assertThatThrownBy(() -> TaskStateFile.readInlinePart("op", new DataInputDeserializer(bytes)))
        .isInstanceOf(IOException.class)
        .hasMessage("Corrupt subtask state: -3 entries announced, 0 bytes left");
  }
}
