package io.nagare.api.serialization;

import java.io.IOException;
import java.io.Serializable;

/**
 * Turns values of one type into bytes and back. Serializers are used on the record path (between
 * subtasks) and for state, checkpoints and savepoints, so the format of a built-in serializer is
 * part of the project's compatibility promise. Checkpoints record how each state was serialised (a
 * serializer snapshot: for built-in serializers their kind and shape, such as a POJO's fields; for
 * any other serializer its class), and a restore judges that record against the serializer the job
 * has now: see "State schema evolution" in docs/state-and-checkpoints.md.
 *
 * <p>A serializer instance is used by one thread at a time. Stateless serializers return {@code
 * this} from {@link #duplicate()}; stateful ones (holding buffers or field serializers that do)
 * return a fresh copy, which the runtime asks for once per subtask.
 *
 * @param <T> the serialized type
 */
public interface TypeSerializer<T> extends Serializable {
  void serialize(T value, DataOutputView target) throws IOException;

  T deserialize(DataInputView source) throws IOException;

  /** A deep copy of {@code value}, sharing nothing mutable with it; immutable values return themselves. */
  T copy(T value);

  /** A serializer safe to use from another thread, or {@code this} if it keeps no state. */
  TypeSerializer<T> duplicate();

  /** The fixed serialized length in bytes, or -1 if it varies. */
  default int getLength() {
    return -1;
  }
}
