package io.nagare.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.serialization.StringSerializer;
import io.nagare.testing.ClassVersions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorStateBackendTest {

  private static final ListStateDescriptor<String> SPLIT = new ListStateDescriptor<>("offsets", Types.STRING);
  private static final String OWNER = "operator 'Test (uid test)'";
  private static final ListStateDescriptor<Long> UNION = new ListStateDescriptor<>("watermarks", Types.LONG);

  private static byte[] oldSubtask(String... offsets) throws Exception {
    OperatorStateBackend backend = new OperatorStateBackend(List.of(), 0, 1, OWNER);
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
      OperatorStateBackend backend = new OperatorStateBackend(snapshots, i, 3, OWNER);
      assertThat(backend.isRestored()).isTrue();
      dealt.add(list(backend.getListState(SPLIT)));
      assertThat(list(backend.getUnionListState(UNION))).containsExactly(3L, 2L);
    }
    assertThat(dealt).containsExactly(List.of("a", "d"), List.of("b", "e"), List.of("c"));
  }

  @Test
  void aStateKeepsItsModeAndRefusesNulls() throws Exception {
    OperatorStateBackend backend = new OperatorStateBackend(List.of(), 0, 1, OWNER);
    backend.getListState(SPLIT);
    assertThatThrownBy(() -> backend.getUnionListState(new ListStateDescriptor<>("offsets", Types.STRING)))
        .hasMessage("Operator state 'offsets' is already registered as a round-robin list state");
    assertThatThrownBy(() -> backend.getListState(SPLIT).add(null))
        .hasMessage("Operator list state does not take null elements");
    assertThat(backend.isRestored()).isFalse();
  }

  @Test
  void aSnapshotOfVersionOneIsReadWithThePresentSerializer() throws Exception {
    DataOutputSerializer elements = new DataOutputSerializer(64);
    elements.writeInt(2);
    StringSerializer.INSTANCE.serialize("a", elements);
    StringSerializer.INSTANCE.serialize("b", elements);
    DataOutputSerializer snapshot = new DataOutputSerializer(64);
    snapshot.writeInt(1);
    snapshot.writeInt(1);
    snapshot.writeUTF("offsets");
    snapshot.writeByte(0);
    snapshot.writeInt(elements.length());
    snapshot.write(elements.getCopyOfBuffer());
    OperatorStateBackend backend = new OperatorStateBackend(List.of(snapshot.getCopyOfBuffer()), 0, 1, OWNER);
    assertThat(list(backend.getListState(SPLIT))).containsExactly("a", "b");
  }

  @Test
  void elementsOfAnEarlierPojoShapeMigrateAndAChangedFieldTypeIsRefused(@TempDir Path temp) throws Exception {
    ClassLoader v1 = ClassVersions.compile(temp.resolve("v1"), Map.of("evo.Account", "package evo; public class Account"
        + " { public String owner; public int amount; public Account() {} }"));
    ClassLoader v2 = ClassVersions.compile(temp.resolve("v2"), Map.of("evo.Account", "package evo; public class Account"
        + " { public int amount; public String currency; public Account() {} }"));
    ClassLoader v3 = ClassVersions.compile(temp.resolve("v3"), Map.of("evo.Account", "package evo; public class Account"
        + " { public String owner; public long amount; public Account() {} }"));
    OperatorStateBackend old = new OperatorStateBackend(List.of(), 0, 1, OWNER);
    Class<?> before = v1.loadClass("evo.Account");
    Object account = before.getConstructor().newInstance();
    before.getField("owner").set(account, "ann");
    before.getField("amount").set(account, 42);
    old.getUnionListState(accounts(before)).add(account);
    DataOutputSerializer out = new DataOutputSerializer(64);
    old.snapshot(out);
    List<byte[]> snapshots = List.of(out.getCopyOfBuffer());

    Class<?> after = v2.loadClass("evo.Account");
    List<Object> restored = list(new OperatorStateBackend(snapshots, 0, 1, OWNER).getUnionListState(accounts(after)));
    assertThat(restored).hasSize(1);
    assertThat(after.getField("amount").get(restored.get(0))).isEqualTo(42);
    assertThat(after.getField("currency").get(restored.get(0))).isNull();

    ListStateDescriptor<Object> changed = accounts(v3.loadClass("evo.Account"));
    assertThatThrownBy(() -> new OperatorStateBackend(snapshots, 0, 1, OWNER).getUnionListState(changed))
        .hasMessage("Cannot restore operator state 'accounts' of " + OWNER + ": field 'amount' changed from int to long");
  }

  @SuppressWarnings("unchecked")
  private static ListStateDescriptor<Object> accounts(Class<?> type) {
    return new ListStateDescriptor<>("accounts", (TypeInformation<Object>) TypeInformation.of(type));
  }
}
