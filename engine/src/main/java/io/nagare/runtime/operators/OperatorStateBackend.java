package io.nagare.runtime.operators;

import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.OperatorStateStore;
import io.nagare.serialization.DataInputDeserializer;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.serialization.SerializerFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator (non-keyed) list states of one operator subtask, on the heap. Snapshot format,
 * version 1: int version, int number of states, then per state: UTF name, byte mode (0 round-robin,
 * 1 union), int length of the rest, int element count, elements (the descriptor's serializer). On restore, the states of
 * every old subtask are concatenated in subtask order; a round-robin state keeps the elements
 * whose position is this subtask's index modulo the parallelism, a union state keeps them all.
 * Subtask thread only.
 */
final class OperatorStateBackend implements OperatorStateStore {
  private static final byte ROUND_ROBIN = 0;
  private static final byte UNION = 1;

  private final Map<String, RegisteredState<?>> states = new LinkedHashMap<>();
  private final List<byte[]> restored;
  private final int subtaskIndex;
  private final int parallelism;

  /** @param restored the snapshots of the old subtasks, in subtask order (empty for a fresh start) */
  OperatorStateBackend(List<byte[]> restored, int subtaskIndex, int parallelism) {
    this.restored = restored;
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
  }

  boolean isRestored() {
    return !restored.isEmpty();
  }

  private static final class RegisteredState<S> implements ListState<S> {
    final byte mode;
    final TypeSerializer<S> serializer;
    final List<S> elements = new ArrayList<>();

    RegisteredState(byte mode, TypeSerializer<S> serializer) {
      this.mode = mode;
      this.serializer = serializer;
    }

    @Override
    public Iterable<S> get() {
      return Collections.unmodifiableList(elements);
    }

    @Override
    public void add(S value) {
      if (value == null) {
        throw new NullPointerException("Operator list state does not take null elements");
      }
      elements.add(value);
    }

    @Override
    public void update(List<S> values) {
      elements.clear();
      for (S v : values) {
        add(v);
      }
    }

    @Override
    public void addAll(List<S> values) {
      for (S v : values) {
        add(v);
      }
    }

    @Override
    public void clear() {
      elements.clear();
    }
  }

  @Override
  public <S> ListState<S> getListState(ListStateDescriptor<S> descriptor) {
    return register(descriptor, ROUND_ROBIN);
  }

  @Override
  public <S> ListState<S> getUnionListState(ListStateDescriptor<S> descriptor) {
    return register(descriptor, UNION);
  }

  @SuppressWarnings("unchecked")
  private <S> ListState<S> register(ListStateDescriptor<S> descriptor, byte mode) {
    RegisteredState<?> existing = states.get(descriptor.getName());
    if (existing != null) {
      if (existing.mode != mode) {
        throw new IllegalStateException("Operator state '" + descriptor.getName() + "' is already registered as a "
            + (existing.mode == UNION ? "union" : "round-robin") + " list state");
      }
      return (ListState<S>) existing;
    }
    TypeSerializer<S> serializer = (TypeSerializer<S>) SerializerFactory.create(descriptor.getTypeInfo());
    RegisteredState<S> state = new RegisteredState<>(mode, serializer);
    try {
      restoreInto(descriptor.getName(), state);
    } catch (IOException e) {
      throw new IllegalStateException("Could not restore operator state '" + descriptor.getName() + "': " + e, e);
    }
    states.put(descriptor.getName(), state);
    return state;
  }

  private <S> void restoreInto(String name, RegisteredState<S> state) throws IOException {
    int position = 0;
    for (byte[] snapshot : restored) {
      DataInputDeserializer in = new DataInputDeserializer(snapshot);
      if (in.readInt() != 1) {
        throw new IOException("Unknown operator state snapshot version");
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String stateName = in.readUTF();
        byte mode = in.readByte();
        int length = in.readInt();
        if (!stateName.equals(name)) {
          in.skipBytes(length);
          continue;
        }
        if (mode != state.mode) {
          throw new IOException("operator state '" + name + "' was a " + (mode == UNION ? "union" : "round-robin")
              + " list state");
        }
        int n = in.readInt();
        for (int e = 0; e < n; e++) {
          S element = state.serializer.deserialize(in);
          if (mode == UNION || position % parallelism == subtaskIndex) {
            state.elements.add(element);
          }
          position++;
        }
      }
    }
  }

  boolean isEmpty() {
    return states.isEmpty();
  }

  void snapshot(DataOutputView out) throws IOException {
    out.writeInt(1);
    out.writeInt(states.size());
    for (Map.Entry<String, RegisteredState<?>> e : states.entrySet()) {
      writeState(e.getKey(), e.getValue(), out);
    }
  }

  private static <S> void writeState(String name, RegisteredState<S> state, DataOutputView target) throws IOException {
    target.writeUTF(name);
    target.writeByte(state.mode);
    DataOutputSerializer out = new DataOutputSerializer(256);
    out.writeInt(state.elements.size());
    for (S element : state.elements) {
      state.serializer.serialize(element, out);
    }
    target.writeInt(out.length());
    target.write(out.getSharedBuffer(), 0, out.length());
  }
}
