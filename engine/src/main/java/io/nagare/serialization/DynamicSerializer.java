package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.tuple.Tuple;
import io.nagare.api.tuple.Tuple1;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.tuple.Tuple3;
import io.nagare.api.tuple.Tuple4;
import io.nagare.api.tuple.Tuple5;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Values whose class is only known at run time (generic types, and fields of an unknown static type
 * such as those of a raw {@code Tuple2} returned by a lambda). Any value, including null.
 *
 * <p>Format: 1 tag byte, then
 *
 * <ul>
 *   <li>{@code 0} null: nothing;
 *   <li>{@code 1} String, {@code 2} Long, {@code 3} Integer, {@code 4} Double, {@code 5} Float,
 *       {@code 6} Boolean, {@code 7} Short, {@code 8} Byte, {@code 9} Character, {@code 10}
 *       BigInteger, {@code 11} BigDecimal, {@code 12} byte[], {@code 13} int[], {@code 14} long[],
 *       {@code 15} double[], {@code 16} float[], {@code 17} short[], {@code 18} char[], {@code 19}
 *       boolean[]: the bytes of that type's built-in serializer;
 *   <li>{@code 20}–{@code 24} Tuple1–Tuple5 (exactly those classes): each field as a dynamic value;
 *   <li>{@code 25} list ({@code ArrayList} and the JDK's immutable, unmodifiable and other nested
 *       list classes): a var-int size, then each element as a dynamic value; read as an {@code
 *       ArrayList};
 *   <li>{@code 26} map ({@code HashMap} and the JDK's nested unsorted map classes): a var-int size,
 *       then each key and value as dynamic values; read as a {@code HashMap};
 *   <li>{@code 27} enum: the enum's class name and the constant's name, each as a string;
 *   <li>{@code 28} any other class (including {@code LinkedList}, {@code LinkedHashMap}, {@code
 *       TreeMap}, records, POJOs): the class name as a string, then a var-int byte count and Kryo's
 *       bytes for the object.
 * </ul>
 *
 * Strings are a var-int UTF-8 byte count and the bytes. Class names are resolved with the thread's
 * context class loader (user jars load in their own), once per name per instance.
 *
 * <p>Stateful (a lazily created Kryo and a class cache): {@link #duplicate()} returns a fresh
 * instance.
 */
public final class DynamicSerializer implements TypeSerializer<Object> {
  private static final long serialVersionUID = 1L;

  /** The Kryo configuration of the fallback for other classes, as serializer snapshots record it. */
  public static final String KRYO_CONFIGURATION = KryoCodec.CONFIGURATION;

  static final int NULL = 0;
  private static final int TUPLE1 = 20;
  private static final int TUPLE5 = 24;
  private static final int LIST = 25;
  private static final int MAP = 26;
  private static final int ENUM = 27;
  private static final int KRYO = 28;

  private static final TypeSerializer<?>[] BUILT_IN = {
    null,
    StringSerializer.INSTANCE, LongSerializer.INSTANCE, IntSerializer.INSTANCE, DoubleSerializer.INSTANCE,
    FloatSerializer.INSTANCE, BooleanSerializer.INSTANCE, ShortSerializer.INSTANCE, ByteSerializer.INSTANCE,
    CharSerializer.INSTANCE, BigIntegerSerializer.INSTANCE, BigDecimalSerializer.INSTANCE,
    ByteArraySerializer.INSTANCE, IntArraySerializer.INSTANCE, LongArraySerializer.INSTANCE,
    DoubleArraySerializer.INSTANCE, FloatArraySerializer.INSTANCE, ShortArraySerializer.INSTANCE,
    CharArraySerializer.INSTANCE, BooleanArraySerializer.INSTANCE
  };

  private static final Map<Class<?>, Integer> EXACT_TAGS = exactTags();

  private static final ClassValue<Integer> TAGS = new ClassValue<>() {
    @Override
    protected Integer computeValue(Class<?> type) {
      return tagOf(type);
    }
  };

  private final Class<?> declaredType;
  private transient KryoCodec kryo;
  private transient Map<String, Class<?>> classes;

  /** A serializer of values of any class. */
  public DynamicSerializer() {
    this(null);
  }

  /**
   * A serializer of values declared as {@code declaredType} (a generic type with no built-in
   * serializer); the declared type is recorded in serializer snapshots, the format is the same.
   */
  public DynamicSerializer(Class<?> declaredType) {
    this.declaredType = declaredType;
  }

  /** The declared type of the values, or null if unknown. */
  public Class<?> getDeclaredType() {
    return declaredType;
  }

  private static Map<Class<?>, Integer> exactTags() {
    Class<?>[] builtIn = {
      null, String.class, Long.class, Integer.class, Double.class, Float.class, Boolean.class, Short.class,
      Byte.class, Character.class, BigInteger.class, BigDecimal.class, byte[].class, int[].class, long[].class,
      double[].class, float[].class, short[].class, char[].class, boolean[].class
    };
    Map<Class<?>, Integer> tags = new IdentityHashMap<>();
    for (int tag = 1; tag < builtIn.length; tag++) {
      tags.put(builtIn[tag], tag);
    }
    Class<?>[] tuples = {Tuple1.class, Tuple2.class, Tuple3.class, Tuple4.class, Tuple5.class};
    for (int i = 0; i < tuples.length; i++) {
      tags.put(tuples[i], TUPLE1 + i);
    }
    tags.put(ArrayList.class, LIST);
    tags.put(HashMap.class, MAP);
    return tags;
  }

  private static int tagOf(Class<?> type) {
    Integer exact = EXACT_TAGS.get(type);
    if (exact != null) {
      return exact;
    }
    if (type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
      return ENUM;
    }
    boolean jdkNested = type.getName().startsWith("java.util.") && type.getName().indexOf('$') > 0;
    if (jdkNested && List.class.isAssignableFrom(type)) {
      return LIST;
    }
    if (jdkNested && Map.class.isAssignableFrom(type) && !SortedMap.class.isAssignableFrom(type)
        && !LinkedHashMap.class.isAssignableFrom(type)) {
      return MAP;
    }
    return KRYO;
  }

  @SuppressWarnings("unchecked")
  private static TypeSerializer<Object> builtIn(int tag) {
    return (TypeSerializer<Object>) BUILT_IN[tag];
  }

  @Override
  public void serialize(Object value, DataOutputView target) throws IOException {
    if (value == null) {
      target.writeByte(NULL);
      return;
    }
    int tag = TAGS.get(value.getClass());
    target.writeByte(tag);
    switch (tag) {
      case LIST:
        writeList((List<?>) value, target);
        return;
      case MAP:
        writeMap((Map<?, ?>) value, target);
        return;
      case ENUM:
        Utf8.write(((Enum<?>) value).getDeclaringClass().getName(), target);
        Utf8.write(((Enum<?>) value).name(), target);
        return;
      case KRYO:
        Utf8.write(value.getClass().getName(), target);
        kryo().write(value, target);
        return;
      default:
        if (tag >= TUPLE1) {
          writeTuple((Tuple) value, target);
        } else {
          builtIn(tag).serialize(value, target);
        }
    }
  }

  private void writeTuple(Tuple tuple, DataOutputView target) throws IOException {
    for (int i = 0; i < tuple.getArity(); i++) {
      serialize(tuple.getField(i), target);
    }
  }

  private void writeList(List<?> list, DataOutputView target) throws IOException {
    target.writeVarInt(list.size());
    for (Object element : list) {
      serialize(element, target);
    }
  }

  private void writeMap(Map<?, ?> map, DataOutputView target) throws IOException {
    target.writeVarInt(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      serialize(entry.getKey(), target);
      serialize(entry.getValue(), target);
    }
  }

  @Override
  public Object deserialize(DataInputView source) throws IOException {
    int tag = source.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case LIST:
        return readList(source);
      case MAP:
        return readMap(source);
      case ENUM:
        return readEnum(source);
      case KRYO:
        return kryo().read(resolve(Utf8.read(source)), source);
      default:
        if (tag >= TUPLE1 && tag <= TUPLE5) {
          return readTuple(tag - TUPLE1 + 1, source);
        }
        if (tag < BUILT_IN.length) {
          return builtIn(tag).deserialize(source);
        }
        throw new IOException("Corrupt data: unknown dynamic type tag " + tag);
    }
  }

  private Tuple readTuple(int arity, DataInputView source) throws IOException {
    Tuple tuple = Tuple.newInstance(arity);
    for (int i = 0; i < arity; i++) {
      tuple.setField(deserialize(source), i);
    }
    return tuple;
  }

  private List<Object> readList(DataInputView source) throws IOException {
    int size = source.readVarInt();
    Serializers.checkAvailable(source, size, 1);
    List<Object> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(deserialize(source));
    }
    return list;
  }

  private Map<Object, Object> readMap(DataInputView source) throws IOException {
    int size = source.readVarInt();
    Serializers.checkAvailable(source, size, 2);
    Map<Object, Object> map = new HashMap<>(Serializers.hashCapacity(size));
    for (int i = 0; i < size; i++) {
      Object key = deserialize(source);
      map.put(key, deserialize(source));
    }
    return map;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object readEnum(DataInputView source) throws IOException {
    Class<?> type = resolve(Utf8.read(source));
    String name = Utf8.read(source);
    if (!type.isEnum()) {
      throw new IOException("Class " + type.getName() + " named in the data as an enum is not one");
    }
    try {
      return Enum.valueOf((Class) type, name);
    } catch (IllegalArgumentException e) {
      throw new IOException("Enum " + type.getName() + " has no constant '" + name + "' (found in the data)", e);
    }
  }

  @Override
  public Object copy(Object value) {
    if (value == null) {
      return null;
    }
    int tag = TAGS.get(value.getClass());
    switch (tag) {
      case LIST:
        return copyList((List<?>) value);
      case MAP:
        return copyMap((Map<?, ?>) value);
      case ENUM:
        return value;
      case KRYO:
        return kryo().copy(value);
      default:
        return tag >= TUPLE1 ? copyTuple((Tuple) value) : builtIn(tag).copy(value);
    }
  }

  private Tuple copyTuple(Tuple tuple) {
    Tuple copy = Tuple.newInstance(tuple.getArity());
    for (int i = 0; i < tuple.getArity(); i++) {
      copy.setField(copy(tuple.getField(i)), i);
    }
    return copy;
  }

  private List<Object> copyList(List<?> list) {
    List<Object> copy = new ArrayList<>(list.size());
    for (Object element : list) {
      copy.add(copy(element));
    }
    return copy;
  }

  private Map<Object, Object> copyMap(Map<?, ?> map) {
    Map<Object, Object> copy = new HashMap<>(Serializers.hashCapacity(map.size()));
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      copy.put(copy(entry.getKey()), copy(entry.getValue()));
    }
    return copy;
  }

  private KryoCodec kryo() {
    if (kryo == null) {
      kryo = new KryoCodec(classLoader());
    }
    return kryo;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : DynamicSerializer.class.getClassLoader();
  }

  private Class<?> resolve(String className) throws IOException {
    if (classes == null) {
      classes = new HashMap<>();
    }
    Class<?> type = classes.get(className);
    if (type == null) {
      try {
        type = Class.forName(className, false, classLoader());
      } catch (ClassNotFoundException e) {
        throw new IOException("Class " + className + " named in the data cannot be loaded by the context class loader", e);
      }
      classes.put(className, type);
    }
    return type;
  }

  @Override
  public TypeSerializer<Object> duplicate() {
    return new DynamicSerializer(declaredType);
  }
}
