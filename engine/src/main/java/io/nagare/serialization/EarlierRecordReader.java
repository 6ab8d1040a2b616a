package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Reads a record written by a {@link RecordSerializer} when the record had other components (see
 * {@link RecordSerializer#readerOf}): the data's components in their order, each passed to the
 * present canonical constructor if the record still has a component of that name and dropped
 * otherwise; components the data lacks are null, or zero or false if primitive. Only reads.
 * Stateful (a lazily resolved constructor): {@link #duplicate()} returns a copy.
 *
 * @param <T> the record class
 */
final class EarlierRecordReader<T> implements TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> recordClass;
  private final String[] componentNames;
  private final String[] oldNames;
  private final TypeSerializer<Object>[] oldReaders;
  private transient MethodHandle constructor;
  private transient int[] positions;
  private transient Object[] defaults;

  EarlierRecordReader(Class<T> recordClass, String[] componentNames, String[] oldNames,
      TypeSerializer<Object>[] oldReaders) {
    this.recordClass = recordClass;
    this.componentNames = componentNames;
    this.oldNames = oldNames.clone();
    this.oldReaders = oldReaders.clone();
  }

  private void resolve() {
    if (constructor != null) {
      return;
    }
    RecordComponent[] components = recordClass.getRecordComponents();
    defaults = new Object[componentNames.length];
    for (int i = 0; i < components.length; i++) {
      Class<?> type = components[i].getType();
      defaults[i] = type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
    }
    positions = new int[oldNames.length];
    for (int i = 0; i < oldNames.length; i++) {
      positions[i] = Arrays.asList(componentNames).indexOf(oldNames[i]);
    }
    constructor = MemberResolver.recordConstructor(recordClass, componentNames);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(DataInputView source) throws IOException {
    resolve();
    Object[] args = defaults.clone();
    for (int i = 0; i < oldReaders.length; i++) {
      Object value = oldReaders[i].deserialize(source);
      if (positions[i] >= 0 && value != null) {
        args[positions[i]] = value;
      }
    }
    try {
      return (T) (Object) constructor.invokeExact(args);
    } catch (Throwable t) {
      throw Serializers.unchecked(t, "Constructing record " + recordClass.getName());
    }
  }

  @Override
  public void serialize(T value, DataOutputView target) {
    throw new UnsupportedOperationException("Reads the earlier shape of " + recordClass.getName() + " only");
  }

  @Override
  public T copy(T value) {
    throw new UnsupportedOperationException("Reads the earlier shape of " + recordClass.getName() + " only");
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return new EarlierRecordReader<>(recordClass, componentNames, oldNames, Serializers.duplicateAll(oldReaders));
  }
}
