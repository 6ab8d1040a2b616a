package io.nagare.state.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.serialization.StringSerializer;
import io.nagare.state.InternalMergingState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapListStateTest {
  private final HeapKeyedStateBackend<String> backend = TestBackends.allKeyGroups();
  private final ListState<Long> list = backend.getOrCreateKeyedState(new ListStateDescriptor<>("list", Types.LONG));

  @Test
  void absentListIsEmptyNotNull() throws Exception {
    backend.setCurrentKey("a");
    assertThat(list.get()).isNotNull().isEmpty();
  }

  @Test
  void addAppendsInOrder() throws Exception {
    backend.setCurrentKey("a");
    list.add(1L);
    list.add(2L);
    list.add(1L);
    assertThat(list.get()).containsExactly(1L, 2L, 1L);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }

  @Test
  void keysAreIsolated() throws Exception {
    backend.setCurrentKey("a");
    list.add(1L);
    backend.setCurrentKey("b");
    assertThat(list.get()).isEmpty();
    list.add(2L);
    backend.setCurrentKey("a");
    assertThat(list.get()).containsExactly(1L);
  }

  @Test
  void updateReplacesWithACopyOfTheGivenList() throws Exception {
    backend.setCurrentKey("a");
    list.add(9L);
    List<Long> values = new ArrayList<>(List.of(1L, 2L));
    list.update(values);
    values.add(3L);
    assertThat(list.get()).containsExactly(1L, 2L);
  }

  @Test
  void updateWithAnEmptyListRemovesTheEntry() throws Exception {
    backend.setCurrentKey("a");
    list.add(1L);
    list.update(List.of());
    assertThat(list.get()).isEmpty();
    assertThat(backend.numKeyValueStateEntries()).isZero();
  }

  @Test
  void addAllAppends() throws Exception {
    backend.setCurrentKey("a");
    list.addAll(List.of(1L, 2L));
    list.addAll(List.of(3L));
    assertThat(list.get()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void addAllOfNothingCreatesNoEntry() throws Exception {
    backend.setCurrentKey("a");
    list.addAll(List.of());
    assertThat(backend.numKeyValueStateEntries()).isZero();
  }

  @Test
  void nullElementsAreRejected() throws Exception {
    backend.setCurrentKey("a");
    list.add(1L);

    assertThatThrownBy(() -> list.add(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Keyed state 'list' does not accept null list elements");
    assertThatThrownBy(() -> list.update(Arrays.asList(2L, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Keyed state 'list' does not accept null list elements (element 1 of the given list is null)");
    assertThatThrownBy(() -> list.addAll(Arrays.asList(null, 2L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Keyed state 'list' does not accept null list elements (element 0 of the given list is null)");
    assertThatThrownBy(() -> list.update(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Keyed state 'list' does not accept a null list (pass an empty list to clear it)");
    assertThat(list.get()).containsExactly(1L);
  }

  @Test
  void clearRemovesTheEntry() throws Exception {
    backend.setCurrentKey("a");
    list.add(1L);
    list.clear();
    assertThat(list.get()).isEmpty();
    assertThat(backend.numKeyValueStateEntries()).isZero();
  }

  @Test
  void getReturnsTheStoredList() throws Exception {
    backend.setCurrentKey("a");
    list.add(1L);
    ((List<Long>) list.get()).add(2L);
    assertThat(list.get()).containsExactly(1L, 2L);
  }

  @Test
  void mergeNamespacesAppendsSourcesToTargetAndRemovesThem() throws Exception {
    ListState<Long> windowed =
        backend.getOrCreateKeyedState(StringSerializer.INSTANCE, new ListStateDescriptor<>("windowed", Types.LONG));
    @SuppressWarnings("unchecked")
    InternalMergingState<String> internal = (InternalMergingState<String>) windowed;
    backend.setCurrentKey("a");
    internal.setCurrentNamespace("w1");
    windowed.add(1L);
    internal.setCurrentNamespace("w2");
    windowed.add(2L);
    internal.setCurrentNamespace("w3");
    windowed.add(3L);

    internal.mergeNamespaces("w1", List.of("w2", "w3", "absent"));

    internal.setCurrentNamespace("w1");
    assertThat(windowed.get()).containsExactly(1L, 2L, 3L);
    internal.setCurrentNamespace("w2");
    assertThat(windowed.get()).isEmpty();
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }
}
