package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * Reads a POJO written by a {@link PojoSerializer} when the class had other fields (see {@link
 * PojoSerializer#readerOf}): the data's fields in their order, each set on the present class if it
 * still has a field of that name and dropped otherwise; fields the data lacks keep what the
 * no-argument constructor gave them. A subclass value (header 1) is read as the POJO serializer
 * reads it. Only reads: state restored through it is written back by the present serializer.
 * Stateful (lazily resolved handles): {@link #duplicate()} returns a copy.
 *
 * @param <T> the POJO class
 */
final class EarlierShapeReader<T> implements TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> pojoClass;
  private final String[] fieldNames;
  private final TypeSerializer<Object>[] fieldSerializers;
  private final String[] oldFieldNames;
  private final TypeSerializer<Object>[] oldFieldReaders;
  private transient MemberAccess[] targets;
  private transient MethodHandle constructor;
  private transient DynamicSerializer subclasses;

  EarlierShapeReader(Class<T> pojoClass, String[] fieldNames, TypeSerializer<Object>[] fieldSerializers,
      String[] oldFieldNames, TypeSerializer<Object>[] oldFieldReaders) {
    this.pojoClass = pojoClass;
    this.fieldNames = fieldNames;
    this.fieldSerializers = fieldSerializers;
    this.oldFieldNames = oldFieldNames.clone();
    this.oldFieldReaders = oldFieldReaders.clone();
  }

  /** Per field of the data, the member of the present class it goes to, or null if it has none. */
  private MemberAccess[] targets() {
    if (targets == null) {
      constructor = MemberResolver.pojoConstructor(pojoClass);
      MemberAccess[] present = MemberResolver.pojoFields(pojoClass, fieldNames, fieldSerializers);
      MemberAccess[] resolved = new MemberAccess[oldFieldNames.length];
      for (int i = 0; i < oldFieldNames.length; i++) {
        int j = Arrays.asList(fieldNames).indexOf(oldFieldNames[i]);
        resolved[i] = j < 0 ? null : present[j];
      }
      targets = resolved;
    }
    return targets;
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    byte header = source.readByte();
    if (header == 1) {
      if (subclasses == null) {
        subclasses = new DynamicSerializer();
      }
      return pojoClass.cast(subclasses.deserialize(source));
    }
    if (header != 0) {
      throw new IOException("Corrupt data: POJO header " + header + " is neither 0 nor 1");
    }
    MemberAccess[] members = targets();
    T pojo = newInstance();
    for (int i = 0; i < members.length; i++) {
      Object value = oldFieldReaders[i].deserialize(source);
      if (members[i] != null && value != null) {
        members[i].set(pojo, value);
      }
    }
    return pojo;
  }

  private T newInstance() {
    return MemberResolver.newPojo(constructor, pojoClass);
  }

  @Override
  public void serialize(T value, DataOutputView target) {
    throw new UnsupportedOperationException("Reads the earlier shape of " + pojoClass.getName() + " only");
  }

  @Override
  public T copy(T value) {
    throw new UnsupportedOperationException("Reads the earlier shape of " + pojoClass.getName() + " only");
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return new EarlierShapeReader<>(pojoClass, fieldNames, Serializers.duplicateAll(fieldSerializers), oldFieldNames,
        Serializers.duplicateAll(oldFieldReaders));
  }
}
