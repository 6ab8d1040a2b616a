package io.nagare.state.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.serialization.StringSerializer;
import io.nagare.state.InternalKvState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapValueStateTest {
  private final HeapKeyedStateBackend<String> backend = TestBackends.allKeyGroups();
  private final ValueState<Long> count = backend.getOrCreateKeyedState(new ValueStateDescriptor<>("count", Types.LONG));

  @Test
  void absentValueIsNull() throws Exception {
    backend.setCurrentKey("a");
    assertThat(count.value()).isNull();
    assertThat(backend.numKeyValueStateEntries()).isZero();
  }

  @Test
  void updateThenRead() throws Exception {
    backend.setCurrentKey("a");
    count.update(3L);
    assertThat(count.value()).isEqualTo(3L);
    count.update(4L);
    assertThat(count.value()).isEqualTo(4L);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }

  @Test
  void keysAreIsolated() throws Exception {
    backend.setCurrentKey("a");
    count.update(1L);
    backend.setCurrentKey("b");
    assertThat(count.value()).isNull();
    count.update(2L);
    backend.setCurrentKey("a");
    assertThat(count.value()).isEqualTo(1L);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(2);
  }

  @Test
  void absentKeysReadTheDefaultValue() throws Exception {
    ValueState<Long> withDefault =
        backend.getOrCreateKeyedState(new ValueStateDescriptor<>("withDefault", Types.LONG, 42L));
    backend.setCurrentKey("a");
    assertThat(withDefault.value()).isEqualTo(42L);
    withDefault.update(7L);
    assertThat(withDefault.value()).isEqualTo(7L);
    withDefault.clear();
    assertThat(withDefault.value()).isEqualTo(42L);
    assertThat(backend.numKeyValueStateEntries()).isZero();
  }

  @Test
  void updateNullRemovesTheEntry() throws Exception {
    backend.setCurrentKey("a");
    count.update(1L);
    count.update(null);
    assertThat(count.value()).isNull();
    assertThat(backend.numKeyValueStateEntries()).isZero();
  }

  @Test
  void clearRemovesOnlyTheCurrentKeysEntry() throws Exception {
    backend.setCurrentKey("a");
    count.update(1L);
    backend.setCurrentKey("b");
    count.update(2L);
    count.clear();
    assertThat(count.value()).isNull();
    backend.setCurrentKey("a");
    assertThat(count.value()).isEqualTo(1L);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }

  @Test
  void returnsTheStoredObject() throws Exception {
    ValueState<List<Long>> list =
        backend.getOrCreateKeyedState(new ValueStateDescriptor<>("list", Types.LIST(Types.LONG)));
    backend.setCurrentKey("a");
    List<Long> stored = new ArrayList<>(List.of(1L));
    list.update(stored);
    list.value().add(2L);
    assertThat(list.value()).isSameAs(stored).containsExactly(1L, 2L);
  }

  @Test
  void namespacesAreIsolated() throws Exception {
    ValueState<Long> windowed =
        backend.getOrCreateKeyedState(StringSerializer.INSTANCE, new ValueStateDescriptor<>("windowed", Types.LONG));
    @SuppressWarnings("unchecked")
    InternalKvState<String> internal = (InternalKvState<String>) windowed;
    backend.setCurrentKey("a");
    internal.setCurrentNamespace("w1");
    windowed.update(1L);
    internal.setCurrentNamespace("w2");
    assertThat(windowed.value()).isNull();
    windowed.update(2L);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(2);

    windowed.clear();
    internal.setCurrentNamespace("w1");
    assertThat(windowed.value()).isEqualTo(1L);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }

  @Test
  void namespacedStateNeedsANamespace() {
    ValueState<Long> windowed =
        backend.getOrCreateKeyedState(StringSerializer.INSTANCE, new ValueStateDescriptor<>("windowed", Types.LONG));
    backend.setCurrentKey("a");
    assertThatThrownBy(windowed::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Keyed state 'windowed' is namespaced (e.g. per window) and was accessed before a namespace"
            + " was set");
  }

  @Test
  void accessWithoutCurrentKeyFails() {
    assertThatThrownBy(count::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Keyed state 'count' was accessed with no current key: keyed state is only available while"
            + " processing a keyed element or timer");
  }
}
