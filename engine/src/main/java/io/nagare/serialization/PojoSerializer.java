package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;
import java.lang.invoke.MethodHandle;

/**
 * A POJO: created with its public no-argument constructor, its fields read and set directly through
 * cached method handles (or its public getters and setters where the module system forbids direct
 * access). Fields may be null.
 *
 * <p>Format: 1 header byte. {@code 0}: the value is exactly the declared class, and each field follows
 * in the given (name-sorted) order in the {@link NullableSerializer} format (marker byte, then the
 * field's bytes; generic fields use the {@link DynamicSerializer} format, which has its own null
 * tag); primitive fields are written as their boxed type would be. {@code 1}: the value is a
 * subclass, and the {@link DynamicSerializer} format of the value follows (its class name and
 * Kryo's bytes).
 *
 * <p>Stateful (handles resolved lazily, a lazily created Kryo for subclasses): {@link #duplicate()}
 * returns a copy.
 *
 * @param <T> the POJO class
 */
public final class PojoSerializer<T> implements TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  private static final byte EXACT_CLASS = 0;
  private static final byte SUBCLASS = 1;

  private final Class<T> pojoClass;
  private final String[] fieldNames;
  private final TypeSerializer<Object>[] fieldSerializers;
  private transient MemberAccess[] fields;
  private transient MethodHandle constructor;
  private transient DynamicSerializer subclasses;

  /**
   * @param fieldNames the fields to write, in order
   * @param fieldSerializers their serializers, for non-null values; nulls are handled here
   */
  public PojoSerializer(Class<T> pojoClass, String[] fieldNames, TypeSerializer<Object>[] fieldSerializers) {
    if (fieldNames.length != fieldSerializers.length) {
      throw new IllegalArgumentException(fieldNames.length + " field names but " + fieldSerializers.length + " serializers");
    }
    this.pojoClass = pojoClass;
    this.fieldNames = fieldNames.clone();
    this.fieldSerializers = fieldSerializers.clone();
    for (int i = 0; i < fieldSerializers.length; i++) {
      this.fieldSerializers[i] = NullableSerializer.wrap(fieldSerializers[i]);
    }
  }

  private PojoSerializer(PojoSerializer<T> original) {
    this.pojoClass = original.pojoClass;
    this.fieldNames = original.fieldNames;
    this.fieldSerializers = Serializers.duplicateAll(original.fieldSerializers);
    this.fields = original.fields;
    this.constructor = original.constructor;
  }

  private MemberAccess[] fields() {
    if (fields == null) {
      constructor = MemberResolver.pojoConstructor(pojoClass);
      fields = MemberResolver.pojoFields(pojoClass, fieldNames, fieldSerializers);
    }
    return fields;
  }

  private DynamicSerializer subclasses() {
    if (subclasses == null) {
      subclasses = new DynamicSerializer();
    }
    return subclasses;
  }

  @Override
  public void serialize(T value, DataOutputView target) throws IOException {
    if (value.getClass() != pojoClass) {
      target.writeByte(SUBCLASS);
      subclasses().serialize(value, target);
      return;
    }
    MemberAccess[] members = fields();
    target.writeByte(EXACT_CLASS);
    for (int i = 0; i < members.length; i++) {
      members[i].write(value, fieldSerializers[i], target);
    }
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    byte header = source.readByte();
    if (header == SUBCLASS) {
      return pojoClass.cast(subclasses().deserialize(source));
    }
    if (header != EXACT_CLASS) {
      throw new IOException("Corrupt data: POJO header " + header + " is neither 0 nor 1");
    }
    MemberAccess[] members = fields();
    T pojo = newInstance();
    for (int i = 0; i < members.length; i++) {
      members[i].read(pojo, fieldSerializers[i], source);
    }
    return pojo;
  }

  private T newInstance() {
    return MemberResolver.newPojo(constructor, pojoClass);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T copy(T value) {
    if (value.getClass() != pojoClass) {
      return (T) subclasses().copy(value);
    }
    MemberAccess[] members = fields();
    T copy = newInstance();
    for (int i = 0; i < members.length; i++) {
      members[i].copy(value, copy, fieldSerializers[i]);
    }
    return copy;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return new PojoSerializer<>(this);
  }

  public Class<T> getPojoClass() {
    return pojoClass;
  }

  /** The fields written, in order. */
  public String[] getFieldNames() {
    return fieldNames.clone();
  }

  /** The fields' serializers, in the order of {@link #getFieldNames()}, as given (not null-wrapped). */
  public TypeSerializer<Object>[] getFieldSerializers() {
    return Serializers.unwrapAll(fieldSerializers);
  }

  /**
   * A serializer that reads data this POJO class wrote in an earlier shape, fields {@code
   * oldFieldNames} in that order read with {@code oldFieldReaders}, into the present class: fields
   * the class still has are set, the others dropped, and new fields keep the value the constructor
   * gives them. It only reads.
   */
  public TypeSerializer<T> readerOf(String[] oldFieldNames, TypeSerializer<Object>[] oldFieldReaders) {
    return new EarlierShapeReader<>(pojoClass, fieldNames, fieldSerializers, oldFieldNames,
        Serializers.wrapAll(oldFieldReaders));
  }
}
