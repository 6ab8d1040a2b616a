package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * Gets and sets one POJO field or record component through method handles resolved once. A
 * primitive member whose serializer is the nullable basic serializer of its type is written and
 * read without boxing, in exactly that serializer's bytes (marker {@code 1}, then the value), so the
 * format does not depend on whether the class declares {@code int} or {@code Integer}. Immutable;
 * shared by serializer duplicates.
 */
final class MemberAccess {
  private static final int OBJECT = 0;
  private static final int BOOLEAN = 1;
  private static final int BYTE = 2;
  private static final int SHORT = 3;
  private static final int CHAR = 4;
  private static final int INT = 5;
  private static final int LONG = 6;
  private static final int FLOAT = 7;
  private static final int DOUBLE = 8;

  private final String name;
  private final int kind;
  private final MethodHandle getter;
  private final MethodHandle boxedGetter;
  private final MethodHandle setter;
  private final MethodHandle boxedSetter;

  /**
   * @param name the member's name, for messages
   * @param type the member's declared Java type
   * @param serializer the member's (null-capable) serializer, which decides whether the unboxed path applies
   * @param getter a handle {@code (Owner)type}
   * @param setter a handle {@code (Owner, type)void}, or null for a read-only record component
   */
  MemberAccess(String name, Class<?> type, TypeSerializer<?> serializer, MethodHandle getter, MethodHandle setter) {
    this.name = name;
    this.kind = kindOf(type, serializer);
    Class<?> exact = kind == OBJECT ? Object.class : type;
    this.getter = getter.asType(MethodType.methodType(exact, Object.class));
    this.boxedGetter = getter.asType(MethodType.methodType(Object.class, Object.class));
    this.setter = setter == null ? null : setter.asType(MethodType.methodType(void.class, Object.class, exact));
    this.boxedSetter = setter == null ? null : setter.asType(MethodType.methodType(void.class, Object.class, Object.class));
  }

  private static int kindOf(Class<?> type, TypeSerializer<?> serializer) {
    if (!type.isPrimitive() || !(serializer instanceof NullableSerializer)) {
      return OBJECT;
    }
    TypeSerializer<?> inner = ((NullableSerializer<?>) serializer).getInner();
    if (type == int.class && inner instanceof IntSerializer) return INT;
    if (type == long.class && inner instanceof LongSerializer) return LONG;
    if (type == double.class && inner instanceof DoubleSerializer) return DOUBLE;
    if (type == boolean.class && inner instanceof BooleanSerializer) return BOOLEAN;
    if (type == float.class && inner instanceof FloatSerializer) return FLOAT;
    if (type == short.class && inner instanceof ShortSerializer) return SHORT;
    if (type == byte.class && inner instanceof ByteSerializer) return BYTE;
    if (type == char.class && inner instanceof CharSerializer) return CHAR;
    return OBJECT;
  }

  String name() {
    return name;
  }

  /** Writes the member of {@code owner}. */
  void write(Object owner, TypeSerializer<Object> serializer, DataOutputView out) throws IOException {
    try {
      switch (kind) {
        case OBJECT: serializer.serialize((Object) getter.invokeExact(owner), out); return;
        case INT: out.writeByte(NullableSerializer.PRESENT); out.writeInt((int) getter.invokeExact(owner)); return;
        case LONG: out.writeByte(NullableSerializer.PRESENT); out.writeLong((long) getter.invokeExact(owner)); return;
        case DOUBLE:
          out.writeByte(NullableSerializer.PRESENT);
          out.writeLong(Double.doubleToRawLongBits((double) getter.invokeExact(owner)));
          return;
        case BOOLEAN: out.writeByte(NullableSerializer.PRESENT); out.writeBoolean((boolean) getter.invokeExact(owner)); return;
        case FLOAT:
          out.writeByte(NullableSerializer.PRESENT);
          out.writeInt(Float.floatToRawIntBits((float) getter.invokeExact(owner)));
          return;
        case SHORT: out.writeByte(NullableSerializer.PRESENT); out.writeShort((short) getter.invokeExact(owner)); return;
        case BYTE: out.writeByte(NullableSerializer.PRESENT); out.writeByte((byte) getter.invokeExact(owner)); return;
        default: out.writeByte(NullableSerializer.PRESENT); out.writeChar((char) getter.invokeExact(owner)); return;
      }
    } catch (Throwable t) {
      throw Serializers.rethrowIo(t, "Writing member '" + name + "'");
    }
  }

  /** Reads the member into {@code owner} (not for record components). */
  void read(Object owner, TypeSerializer<Object> serializer, DataInputView in) throws IOException {
    try {
      if (kind == OBJECT) {
        setter.invokeExact(owner, serializer.deserialize(in));
        return;
      }
      byte marker = in.readByte();
      if (marker != NullableSerializer.PRESENT) {
        throw new IOException("Member '" + name + "' is primitive, but the data holds "
            + (marker == NullableSerializer.NULL ? "null" : "the corrupt marker " + marker) + " for it");
      }
      switch (kind) {
        case INT: setter.invokeExact(owner, in.readInt()); return;
        case LONG: setter.invokeExact(owner, in.readLong()); return;
        case DOUBLE: setter.invokeExact(owner, Double.longBitsToDouble(in.readLong())); return;
        case BOOLEAN: setter.invokeExact(owner, in.readBoolean()); return;
        case FLOAT: setter.invokeExact(owner, Float.intBitsToFloat(in.readInt())); return;
        case SHORT: setter.invokeExact(owner, in.readShort()); return;
        case BYTE: setter.invokeExact(owner, in.readByte()); return;
        default: setter.invokeExact(owner, in.readChar()); return;
      }
    } catch (Throwable t) {
      throw Serializers.rethrowIo(t, "Reading member '" + name + "'");
    }
  }

  /** Sets the member of {@code to} to a deep copy of that of {@code from} (not for record components). */
  void copy(Object from, Object to, TypeSerializer<Object> serializer) {
    try {
      switch (kind) {
        case OBJECT: setter.invokeExact(to, serializer.copy((Object) getter.invokeExact(from))); return;
        case INT: setter.invokeExact(to, (int) getter.invokeExact(from)); return;
        case LONG: setter.invokeExact(to, (long) getter.invokeExact(from)); return;
        case DOUBLE: setter.invokeExact(to, (double) getter.invokeExact(from)); return;
        case BOOLEAN: setter.invokeExact(to, (boolean) getter.invokeExact(from)); return;
        case FLOAT: setter.invokeExact(to, (float) getter.invokeExact(from)); return;
        case SHORT: setter.invokeExact(to, (short) getter.invokeExact(from)); return;
        case BYTE: setter.invokeExact(to, (byte) getter.invokeExact(from)); return;
        default: setter.invokeExact(to, (char) getter.invokeExact(from)); return;
      }
    } catch (Throwable t) {
      throw Serializers.unchecked(t, "Copying member '" + name + "'");
    }
  }

  /** Sets the member of {@code owner} to {@code value} (unboxed if primitive; not for record components). */
  void set(Object owner, Object value) {
    try {
      boxedSetter.invokeExact(owner, value);
    } catch (Throwable t) {
      throw Serializers.unchecked(t, "Setting member '" + name + "'");
    }
  }

  /** The member's value, boxed if primitive. */
  Object get(Object owner) {
    try {
      return (Object) boxedGetter.invokeExact(owner);
    } catch (Throwable t) {
      throw Serializers.unchecked(t, "Reading member '" + name + "'");
    }
  }
}
