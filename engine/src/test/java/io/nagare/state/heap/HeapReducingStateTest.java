package io.nagare.state.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.state.ReducingState;
import io.nagare.api.state.ReducingStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.serialization.StringSerializer;
import io.nagare.state.InternalMergingState;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapReducingStateTest {
  private final HeapKeyedStateBackend<String> backend = TestBackends.allKeyGroups();
  private final ReducingState<Long> sum =
      backend.getOrCreateKeyedState(new ReducingStateDescriptor<>("sum", Long::sum, Types.LONG));

  @Test
  void absentIsNull() throws Exception {
    backend.setCurrentKey("a");
    assertThat(sum.get()).isNull();
  }

  @Test
  void firstValueIsStoredThenReduced() throws Exception {
    backend.setCurrentKey("a");
    sum.add(5L);
    assertThat(sum.get()).isEqualTo(5L);
    sum.add(2L);
    sum.add(3L);
    assertThat(sum.get()).isEqualTo(10L);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }

  @Test
  void reducesInArrivalOrder() throws Exception {
    ReducingState<String> concat = backend.getOrCreateKeyedState(
        new ReducingStateDescriptor<>("concat", (a, b) -> a + "," + b, Types.STRING));
    backend.setCurrentKey("a");
    concat.add("x");
    concat.add("y");
    concat.add("z");
    assertThat(concat.get()).isEqualTo("x,y,z");
  }

  @Test
  void keysAreIsolatedAndClearRemovesTheEntry() throws Exception {
    backend.setCurrentKey("a");
    sum.add(1L);
    backend.setCurrentKey("b");
    assertThat(sum.get()).isNull();
    sum.add(2L);
    sum.clear();
    assertThat(sum.get()).isNull();
    backend.setCurrentKey("a");
    assertThat(sum.get()).isEqualTo(1L);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }

  @Test
  void nullValuesAreRejected() {
    backend.setCurrentKey("a");
    assertThatThrownBy(() -> sum.add(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Keyed state 'sum' does not accept null values");
  }

  @Test
  void aReduceFunctionReturningNullFails() throws Exception {
    ReducingState<Long> broken =
        backend.getOrCreateKeyedState(new ReducingStateDescriptor<>("broken", (a, b) -> null, Types.LONG));
    backend.setCurrentKey("a");
    broken.add(1L);
    assertThatThrownBy(() -> broken.add(2L))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The reduce function of keyed state 'broken' returned null");
    assertThat(broken.get()).isEqualTo(1L);
  }

  @Test
  void mergeNamespacesReducesSourcesIntoTarget() throws Exception {
    ReducingState<Long> windowed = backend.getOrCreateKeyedState(
        StringSerializer.INSTANCE, new ReducingStateDescriptor<>("windowed", Long::sum, Types.LONG));
    @SuppressWarnings("unchecked")
    InternalMergingState<String> internal = (InternalMergingState<String>) windowed;
    backend.setCurrentKey("a");
    internal.setCurrentNamespace("w1");
    windowed.add(1L);
    internal.setCurrentNamespace("w2");
    windowed.add(10L);
    internal.setCurrentNamespace("w3");
    windowed.add(100L);

    internal.mergeNamespaces("w4", List.of("w1", "w2", "w3"));

    internal.setCurrentNamespace("w4");
    assertThat(windowed.get()).isEqualTo(111L);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }

  @Test
  void mergeIntoATargetThatIsAlsoASource() throws Exception {
    ReducingState<Long> windowed = backend.getOrCreateKeyedState(
        StringSerializer.INSTANCE, new ReducingStateDescriptor<>("windowed", Long::sum, Types.LONG));
    @SuppressWarnings("unchecked")
    InternalMergingState<String> internal = (InternalMergingState<String>) windowed;
    backend.setCurrentKey("a");
    internal.setCurrentNamespace("w1");
    windowed.add(1L);
    internal.setCurrentNamespace("w2");
    windowed.add(10L);

    internal.mergeNamespaces("w1", List.of("w1", "w2"));

    internal.setCurrentNamespace("w1");
    assertThat(windowed.get()).isEqualTo(11L);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }
}
