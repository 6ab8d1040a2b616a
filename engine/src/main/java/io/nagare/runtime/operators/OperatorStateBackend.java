package io.nagare.runtime.operators;

import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.OperatorStateStore;
import io.nagare.serialization.DataInputDeserializer;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.serialization.SerializerFactory;
import io.nagare.serialization.schema.IncompatibleSchemaException;
import io.nagare.serialization.schema.SchemaResolver;
import io.nagare.serialization.schema.SerializerSchema;
import io.nagare.serialization.schema.SerializerSchemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator (non-keyed) list states of one operator subtask, on the heap. Snapshot format,
 * version 2: int version, int number of states, then per state: UTF name, byte mode (0 round-robin,
 * 1 union), int length and bytes of the elements' serializer snapshot ({@link SerializerSchema}),
 * int length of the rest, int element count, elements (the descriptor's serializer). Version 1 is
 * the same without serializer snapshots, and is read with the present serializer. On restore the
 * snapshot is judged against the present serializer ({@link SchemaResolver}): elements of an
 * earlier POJO or record shape are migrated as they are read, an incompatible change is refused
 * naming the state and the operator. The states of every old subtask are concatenated in subtask
 * order; a round-robin state keeps the elements whose position is this subtask's index modulo the
 * parallelism, a union state keeps them all. Subtask thread only.
 */
final class OperatorStateBackend implements OperatorStateStore {
  private static final byte ROUND_ROBIN = 0;
  private static final byte UNION = 1;
  /** The snapshot format's version. */
  static final int VERSION = 2;

  private final Map<String, RegisteredState<?>> states = new LinkedHashMap<>();
  private final List<byte[]> restored;
  private final int subtaskIndex;
  private final int parallelism;
  private final String owner;

  /**
   * @param restored the snapshots of the old subtasks, in subtask order (empty for a fresh start)
   * @param owner the operator, for messages: {@code operator 'Name (uid x)'}
   */
  OperatorStateBackend(List<byte[]> restored, int subtaskIndex, int parallelism, String owner) {
    this.owner = owner;
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
    final byte[] schema;
    final List<S> elements = new ArrayList<>();

    RegisteredState(byte mode, TypeSerializer<S> serializer) {
      this.mode = mode;
      this.serializer = serializer;
      DataOutputSerializer out = new DataOutputSerializer(128);
      try {
        SerializerSchemas.of(serializer).write(out);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      this.schema = out.getCopyOfBuffer();
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
      int version = in.readInt();
      if (version != 1 && version != VERSION) {
        throw new IOException("Operator state snapshot version " + version + " cannot be read; this version reads 1 and "
            + VERSION);
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String stateName = in.readUTF();
        byte mode = in.readByte();
        byte[] schema = new byte[version == VERSION ? in.readInt() : 0];
        in.readFully(schema);
        int length = in.readInt();
        if (!stateName.equals(name)) {
          in.skipBytes(length);
          continue;
        }
        if (mode != state.mode) {
          throw new IOException("operator state '" + name + "' was a " + (mode == UNION ? "union" : "round-robin")
              + " list state");
        }
        TypeSerializer<S> reader = reader(name, schema, state.serializer);
        int n = in.readInt();
        for (int e = 0; e < n; e++) {
          S element = reader.deserialize(in);
          if (mode == UNION || position % parallelism == subtaskIndex) {
            state.elements.add(element);
          }
          position++;
        }
      }
    }
  }

  /** How elements written with {@code schema} (empty: not recorded) are read as values of {@code present}. */
  private <S> TypeSerializer<S> reader(String name, byte[] schema, TypeSerializer<S> present) throws IOException {
    if (schema.length == 0) {
      return present;
    }
    try {
      return SchemaResolver.resolve(SerializerSchema.read(new DataInputDeserializer(schema)), present).reader();
    } catch (IncompatibleSchemaException e) {
      throw new IllegalStateException("Cannot restore operator state '" + name + "' of " + owner + ": "
          + e.getMessage(), e);
    }
  }

  boolean isEmpty() {
    return states.isEmpty();
  }

  void snapshot(DataOutputView out) throws IOException {
    out.writeInt(VERSION);
    out.writeInt(states.size());
    for (Map.Entry<String, RegisteredState<?>> e : states.entrySet()) {
      writeState(e.getKey(), e.getValue(), out);
    }
  }

  private static <S> void writeState(String name, RegisteredState<S> state, DataOutputView target) throws IOException {
    target.writeUTF(name);
    target.writeByte(state.mode);
    target.writeInt(state.schema.length);
    target.write(state.schema);
    DataOutputSerializer out = new DataOutputSerializer(256);
    out.writeInt(state.elements.size());
    for (S element : state.elements) {
      state.serializer.serialize(element, out);
    }
    target.writeInt(out.length());
    target.write(out.getSharedBuffer(), 0, out.length());
  }
}
