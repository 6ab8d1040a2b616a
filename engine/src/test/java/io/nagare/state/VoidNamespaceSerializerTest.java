package io.nagare.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.serialization.DataInputDeserializer;
import io.nagare.serialization.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class VoidNamespaceSerializerTest {
  @Test
  void writesOneByteAndReadsTheSingleton() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(8);
    VoidNamespaceSerializer.INSTANCE.serialize(VoidNamespace.INSTANCE, out);
    assertThat(out.getCopyOfBuffer()).containsExactly(0);
    assertThat(VoidNamespaceSerializer.INSTANCE.getLength()).isEqualTo(1);

    VoidNamespace read = VoidNamespaceSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(read).isSameAs(VoidNamespace.INSTANCE);
    assertThat(VoidNamespaceSerializer.INSTANCE.copy(read)).isSameAs(read);
    assertThat(VoidNamespaceSerializer.INSTANCE.duplicate()).isSameAs(VoidNamespaceSerializer.INSTANCE);
  }
}
