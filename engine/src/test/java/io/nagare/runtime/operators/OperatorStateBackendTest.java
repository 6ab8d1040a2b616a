package io.nagare.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.typeinfo.Types;
import io.nagare.serialization.DataOutputSerializer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorStateBackendTest {

  private static final ListStateDescriptor<String> SPLIT = new ListStateDescriptor<>("offsets", Types.STRING);
  private static final ListStateDescriptor<Long> UNION = new ListStateDescriptor<>("watermarks", Types.LONG);

  private static byte[] oldSubtask(String... offsets) throws Exception {
    OperatorStateBackend backend = new OperatorStateBackend(List.of(), 0, 1);
    ListState<String> split = backend.getListState(SPLIT);
    for (String o : offsets) {
      split.add(o);
    }
    backend.getUnionListState(UNION).add((long) offsets.length);
    DataOutputSerializer out = new DataOutputSerializer(64);
    backend.snapshot(out);
    return out.getCopyOfBuffer();
  }

  private static <T> List<T> list(ListState<T> state) throws Exception {
    List<T> all = new ArrayList<>();
    state.get().forEach(all::add);
    return all;
  }

  @Test
  void roundRobinStateIsDealtOutAndUnionStateGoesToEveryone() throws Exception {
    List<byte[]> snapshots = List.of(oldSubtask("a", "b", "c"), oldSubtask("d", "e"));
    List<List<String>> dealt = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      OperatorStateBackend backend = new OperatorStateBackend(snapshots, i, 3);
      assertThat(backend.isRestored()).isTrue();
      dealt.add(list(backend.getListState(SPLIT)));
      assertThat(list(backend.getUnionListState(UNION))).containsExactly(3L, 2L);
    }
    assertThat(dealt).containsExactly(List.of("a", "d"), List.of("b", "e"), List.of("c"));
  }

  @Test
  void aStateKeepsItsModeAndRefusesNulls() throws Exception {
    OperatorStateBackend backend = new OperatorStateBackend(List.of(), 0, 1);
    backend.getListState(SPLIT);
    assertThatThrownBy(() -> backend.getUnionListState(new ListStateDescriptor<>("offsets", Types.STRING)))
        .hasMessage("Operator state 'offsets' is already registered as a round-robin list state");
    assertThatThrownBy(() -> backend.getListState(SPLIT).add(null))
        .hasMessage("Operator list state does not take null elements");
    assertThat(backend.isRestored()).isFalse();
  }
}
