package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * A Java record: its components in declaration order, each in the {@link NullableSerializer} format
 * (marker byte, then the component's bytes; generic components use the {@link DynamicSerializer}
 * format), so components may be null; primitive components are written as their boxed type would
 * be. Read back through the canonical constructor, so compact constructors validate restored state.
 *
 * <p>Stateful (handles resolved lazily, a reused constructor-argument array): {@link #duplicate()}
 * returns a copy.
 *
 * @param <T> the record class
 */
public final class RecordSerializer<T> implements TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> recordClass;
  private final String[] componentNames;
  private final TypeSerializer<Object>[] componentSerializers;
  private transient MemberAccess[] components;
  private transient MethodHandle constructor;
  private transient Object[] arguments;

  /**
   * @param componentNames the record's component names in declaration order
   * @param componentSerializers their serializers, for non-null values; nulls are handled here
   */
  public RecordSerializer(Class<T> recordClass, String[] componentNames, TypeSerializer<Object>[] componentSerializers) {
    if (componentNames.length != componentSerializers.length) {
      throw new IllegalArgumentException(componentNames.length + " component names but "
          + componentSerializers.length + " serializers");
    }
    this.recordClass = recordClass;
    this.componentNames = componentNames.clone();
    this.componentSerializers = componentSerializers.clone();
    for (int i = 0; i < componentSerializers.length; i++) {
      this.componentSerializers[i] = NullableSerializer.wrap(componentSerializers[i]);
    }
  }

  private RecordSerializer(RecordSerializer<T> original) {
    this.recordClass = original.recordClass;
    this.componentNames = original.componentNames;
    this.componentSerializers = Serializers.duplicateAll(original.componentSerializers);
    this.components = original.components;
    this.constructor = original.constructor;
  }

  private MemberAccess[] components() {
    if (components == null) {
      constructor = MemberResolver.recordConstructor(recordClass, componentNames);
      arguments = new Object[componentNames.length];
      components = MemberResolver.recordComponents(recordClass, componentNames, componentSerializers);
    }
    return components;
  }

  @Override
  public void serialize(T value, DataOutputView target) throws IOException {
    MemberAccess[] members = components();
    for (int i = 0; i < members.length; i++) {
      members[i].write(value, componentSerializers[i], target);
    }
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    components();
    if (arguments == null) {
      arguments = new Object[componentNames.length];
    }
    Object[] args = arguments;
    for (int i = 0; i < args.length; i++) {
      args[i] = componentSerializers[i].deserialize(source);
    }
    try {
      return construct(args);
    } finally {
      Arrays.fill(args, null);
    }
  }

  @SuppressWarnings("unchecked")
  private T construct(Object[] args) {
    try {
      return (T) (Object) constructor.invokeExact(args);
    } catch (Throwable t) {
      throw Serializers.unchecked(t, "Constructing record " + recordClass.getName());
    }
  }

  @Override
  public T copy(T value) {
    MemberAccess[] members = components();
    Object[] args = new Object[members.length];
    for (int i = 0; i < members.length; i++) {
      args[i] = componentSerializers[i].copy(members[i].get(value));
    }
    return construct(args);
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return new RecordSerializer<>(this);
  }

  public Class<T> getRecordClass() {
    return recordClass;
  }

  /** The components, in declaration order. */
  public String[] getComponentNames() {
    return componentNames.clone();
  }

  /** The components' serializers, in the order of {@link #getComponentNames()}, as given (not null-wrapped). */
  public TypeSerializer<Object>[] getComponentSerializers() {
    return Serializers.unwrapAll(componentSerializers);
  }

  /**
   * A serializer that reads data this record class wrote in an earlier shape, components {@code
   * oldNames} in that order read with {@code oldReaders}, into the present record: components it
   * still has get their value, the others are dropped, and new components are null (zero or false
   * if primitive) when the canonical constructor is called. It only reads.
   */
  public TypeSerializer<T> readerOf(String[] oldNames, TypeSerializer<Object>[] oldReaders) {
    return new EarlierRecordReader<>(recordClass, componentNames, oldNames, Serializers.wrapAll(oldReaders));
  }
}
