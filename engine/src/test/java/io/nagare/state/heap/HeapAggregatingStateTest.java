package io.nagare.state.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.state.AggregatingState;
import io.nagare.api.state.AggregatingStateDescriptor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.serialization.StringSerializer;
import io.nagare.state.InternalMergingState;
import io.nagare.state.VoidNamespace;
import java.io.Serializable;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapAggregatingStateTest {
  private final HeapKeyedStateBackend<String> backend = TestBackends.allKeyGroups();
  private final AggregatingState<Long, Double> average = backend.getOrCreateKeyedState(
      new AggregatingStateDescriptor<>("average", new Average(), TypeInformation.of(SumCount.class)));

  @Test
  void nothingAddedIsNull() throws Exception {
    backend.setCurrentKey("a");
    assertThat(average.get()).isNull();
    assertThat(backend.numKeyValueStateEntries()).isZero();
  }

  @Test
  void addsToAnAccumulatorAndReturnsItsResult() throws Exception {
    backend.setCurrentKey("a");
    average.add(1L);
    assertThat(average.get()).isEqualTo(1.0);
    average.add(2L);
    average.add(6L);
    assertThat(average.get()).isEqualTo(3.0);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }

  @Test
  void storesTheAccumulator() throws Exception {
    backend.setCurrentKey("a");
    average.add(4L);
    average.add(5L);
    @SuppressWarnings("unchecked")
    StateTable<String, VoidNamespace, SumCount> table =
        (StateTable<String, VoidNamespace, SumCount>) backend.getStateTable("average");
    SumCount stored = table.get(VoidNamespace.INSTANCE);
    assertThat(stored.sum).isEqualTo(9L);
    assertThat(stored.count).isEqualTo(2L);
  }

  @Test
  void keysAreIsolatedAndClearRemovesTheEntry() throws Exception {
    backend.setCurrentKey("a");
    average.add(1L);
    backend.setCurrentKey("b");
    assertThat(average.get()).isNull();
    average.add(3L);
    average.clear();
    assertThat(average.get()).isNull();
    backend.setCurrentKey("a");
    assertThat(average.get()).isEqualTo(1.0);
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }

  @Test
  void nullValuesAreRejected() {
    backend.setCurrentKey("a");
    assertThatThrownBy(() -> average.add(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Keyed state 'average' does not accept null values");
  }

  @Test
  void mergeNamespacesMergesAccumulators() throws Exception {
    AggregatingState<Long, Double> windowed = backend.getOrCreateKeyedState(StringSerializer.INSTANCE,
        new AggregatingStateDescriptor<>("windowed", new Average(), TypeInformation.of(SumCount.class)));
    @SuppressWarnings("unchecked")
    InternalMergingState<String> internal = (InternalMergingState<String>) windowed;
    backend.setCurrentKey("a");
    internal.setCurrentNamespace("w1");
    windowed.add(1L);
    internal.setCurrentNamespace("w2");
    windowed.add(2L);
    windowed.add(3L);
    internal.setCurrentNamespace("w3");
    windowed.add(6L);

    internal.mergeNamespaces("w3", List.of("w1", "w2"));

    assertThat(windowed.get()).isEqualTo(3.0);
    internal.setCurrentNamespace("w1");
    assertThat(windowed.get()).isNull();
    assertThat(backend.numKeyValueStateEntries()).isEqualTo(1);
  }

  /** A mutable accumulator of sum and count. */
  static final class SumCount implements Serializable {
    long sum;
    long count;
  }

  private static final class Average implements AggregateFunction<Long, SumCount, Double> {
    @Override
    public SumCount createAccumulator() {
      return new SumCount();
    }

    @Override
    public SumCount add(Long value, SumCount accumulator) {
      accumulator.sum += value;
      accumulator.count++;
      return accumulator;
    }

    @Override
    public Double getResult(SumCount accumulator) {
      return (double) accumulator.sum / accumulator.count;
    }

    @Override
    public SumCount merge(SumCount a, SumCount b) {
      a.sum += b.sum;
      a.count += b.count;
      return a;
    }
  }
}
