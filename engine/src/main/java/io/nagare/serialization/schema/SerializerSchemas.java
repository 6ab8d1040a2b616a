package io.nagare.serialization.schema;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.serialization.BigDecimalSerializer;
import io.nagare.serialization.BigIntegerSerializer;
import io.nagare.serialization.BooleanArraySerializer;
import io.nagare.serialization.BooleanSerializer;
import io.nagare.serialization.ByteArraySerializer;
import io.nagare.serialization.ByteSerializer;
import io.nagare.serialization.CharArraySerializer;
import io.nagare.serialization.CharSerializer;
import io.nagare.serialization.DoubleArraySerializer;
import io.nagare.serialization.DoubleSerializer;
import io.nagare.serialization.DynamicSerializer;
import io.nagare.serialization.EnumSerializer;
import io.nagare.serialization.FloatArraySerializer;
import io.nagare.serialization.FloatSerializer;
import io.nagare.serialization.IntArraySerializer;
import io.nagare.serialization.IntSerializer;
import io.nagare.serialization.ListSerializer;
import io.nagare.serialization.LongArraySerializer;
import io.nagare.serialization.LongSerializer;
import io.nagare.serialization.MapSerializer;
import io.nagare.serialization.NullableSerializer;
import io.nagare.serialization.ObjectArraySerializer;
import io.nagare.serialization.PojoSerializer;
import io.nagare.serialization.RecordSerializer;
import io.nagare.serialization.ShortArraySerializer;
import io.nagare.serialization.ShortSerializer;
import io.nagare.serialization.StringSerializer;
import io.nagare.serialization.TupleSerializer;
import io.nagare.serialization.VoidSerializer;
import io.nagare.serialization.schema.SerializerSchema.Kind;
import io.nagare.serialization.schema.SerializerSchema.Member;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes the {@link SerializerSchema} of a serializer: of nagare's built-in serializers their kind,
 * type and members, of any other its class ({@code CUSTOM}). Every kind's format is version
 * {@value #VERSION}. Stateless.
 */
public final class SerializerSchemas {
  /** The version of every kind's format written today. */
  public static final int VERSION = 1;

  private static final Map<Class<?>, String> BASIC_TYPES = new HashMap<>();
  private static final Map<String, TypeSerializer<?>> BASIC_SERIALIZERS = new HashMap<>();

  static {
    basic(String.class, StringSerializer.INSTANCE);
    basic(Long.class, LongSerializer.INSTANCE);
    basic(Integer.class, IntSerializer.INSTANCE);
    basic(Double.class, DoubleSerializer.INSTANCE);
    basic(Boolean.class, BooleanSerializer.INSTANCE);
    basic(Float.class, FloatSerializer.INSTANCE);
    basic(Short.class, ShortSerializer.INSTANCE);
    basic(Byte.class, ByteSerializer.INSTANCE);
    basic(Character.class, CharSerializer.INSTANCE);
    basic(BigInteger.class, BigIntegerSerializer.INSTANCE);
    basic(BigDecimal.class, BigDecimalSerializer.INSTANCE);
    basic(Void.class, VoidSerializer.INSTANCE);
    basic(byte[].class, ByteArraySerializer.INSTANCE);
    basic(long[].class, LongArraySerializer.INSTANCE);
    basic(int[].class, IntArraySerializer.INSTANCE);
    basic(double[].class, DoubleArraySerializer.INSTANCE);
    basic(float[].class, FloatArraySerializer.INSTANCE);
    basic(short[].class, ShortArraySerializer.INSTANCE);
    basic(char[].class, CharArraySerializer.INSTANCE);
    basic(boolean[].class, BooleanArraySerializer.INSTANCE);
  }

  private SerializerSchemas() {}

  private static void basic(Class<?> type, TypeSerializer<?> serializer) {
    BASIC_TYPES.put(serializer.getClass(), type.getTypeName());
    BASIC_SERIALIZERS.put(type.getTypeName(), serializer);
  }

  /** The built-in serializer of the basic type named {@code typeName}, or null. */
  static TypeSerializer<?> basicSerializer(String typeName) {
    return BASIC_SERIALIZERS.get(typeName);
  }

  /** The snapshot of {@code serializer} (a {@link NullableSerializer} is described by its inner one). */
  public static SerializerSchema of(TypeSerializer<?> serializer) {
    if (serializer instanceof NullableSerializer<?> nullable) {
      return of(nullable.getInner());
    }
    String basic = BASIC_TYPES.get(serializer.getClass());
    if (basic != null) {
      return node(Kind.BASIC, basic, List.of());
    }
    if (serializer instanceof PojoSerializer<?> pojo) {
      return node(Kind.POJO, pojo.getPojoClass().getName(),
          members(pojo.getPojoClass(), pojo.getFieldNames(), pojo.getFieldSerializers()));
    }
    if (serializer instanceof RecordSerializer<?> record) {
      return node(Kind.RECORD, record.getRecordClass().getName(),
          members(record.getRecordClass(), record.getComponentNames(), record.getComponentSerializers()));
    }
    if (serializer instanceof TupleSerializer<?> tuple) {
      TypeSerializer<Object>[] fields = tuple.getFieldSerializers();
      List<Member> members = new ArrayList<>();
      for (int i = 0; i < fields.length; i++) {
        members.add(member("f" + i, fields[i]));
      }
      return node(Kind.TUPLE, "Tuple" + fields.length, members);
    }
    if (serializer instanceof ListSerializer<?> list) {
      return node(Kind.LIST, "java.util.List", List.of(member("element", list.getElementSerializer())));
    }
    if (serializer instanceof MapSerializer<?, ?> map) {
      return node(Kind.MAP, "java.util.Map",
          List.of(member("key", map.getKeySerializer()), member("value", map.getValueSerializer())));
    }
    if (serializer instanceof ObjectArraySerializer<?> array) {
      return node(Kind.ARRAY, array.getComponentClass().getName(), List.of(member("element", array.getElementSerializer())));
    }
    if (serializer instanceof EnumSerializer<?> enumSerializer) {
      return node(Kind.ENUM, enumSerializer.getEnumClass().getName(), List.of());
    }
    if (serializer instanceof DynamicSerializer dynamic) {
      return kryo(dynamic.getDeclaredType());
    }
    return node(Kind.CUSTOM, serializer.getClass().getName(), List.of());
  }

  private static SerializerSchema node(Kind kind, String type, List<Member> members) {
    return new SerializerSchema(kind, VERSION, type, members);
  }

  private static Member member(String name, TypeSerializer<?> serializer) {
    SerializerSchema schema = of(serializer);
    return new Member(name, schema.describe(), schema);
  }

  private static List<Member> members(Class<?> owner, String[] names, TypeSerializer<Object>[] serializers) {
    List<Member> members = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      SerializerSchema schema = of(serializers[i]);
      String declared = declaredType(owner, names[i]);
      members.add(new Member(names[i], declared == null ? schema.describe() : declared, schema));
    }
    return members;
  }

  /** The declared type of field or component {@code name} of {@code owner} or its superclasses, or null. */
  private static String declaredType(Class<?> owner, String name) {
    if (owner.isRecord()) {
      for (RecordComponent c : owner.getRecordComponents()) {
        if (c.getName().equals(name)) {
          return c.getGenericType().getTypeName();
        }
      }
      return null;
    }
    for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())) {
          return f.getGenericType().getTypeName();
        }
      }
    }
    return null;
  }

  /**
   * The Kryo fallback for {@code declared}: its name, the Kryo configuration, and the instance
   * fields Kryo's field serializer writes (none recorded for an interface, an abstract class or
   * Object, whose values' classes are written with each value).
   */
  private static SerializerSchema kryo(Class<?> declared) {
    List<Member> members = new ArrayList<>();
    members.add(new Member("@kryo", DynamicSerializer.KRYO_CONFIGURATION, null));
    if (declared == null) {
      return node(Kind.KRYO, Object.class.getName(), members);
    }
    if (!declared.isInterface() && !Modifier.isAbstract(declared.getModifiers())) {
      for (Class<?> c = declared; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          int modifiers = f.getModifiers();
          if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !f.isSynthetic()) {
            members.add(new Member(f.getName(), f.getGenericType().getTypeName(), null));
          }
        }
      }
    }
    return node(Kind.KRYO, declared.getName(), members);
  }
}
