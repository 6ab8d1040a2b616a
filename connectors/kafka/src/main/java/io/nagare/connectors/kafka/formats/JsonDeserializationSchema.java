package io.nagare.connectors.kafka.formats;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.api.serialization.DeserializationSchema;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * JSON bytes (UTF-8) to objects with Jackson: to a class ({@code new JsonDeserializationSchema<>(
 * Order.class)}: a POJO, a record, or anything Jackson maps) or to a {@code Map<String, Object>}
 * ({@link #forMap()}). A null value (a Kafka tombstone) gives no record; bytes that are not valid
 * JSON for the type throw an {@link IOException}, which a Kafka source treats by its
 * malformed-record policy. The object mapper is built in {@link #open()} on each subtask, by
 * default a plain {@link ObjectMapper} (unknown properties are errors), or by a mapper factory.
 *
 * <pre>{@code
 * KafkaSource.<Order>builder()
 *     .setValueOnlyDeserializer(new JsonDeserializationSchema<>(Order.class))
 *     ...
 * }</pre>
 *
 * @param <T> the type JSON values become
 */
public final class JsonDeserializationSchema<T> implements DeserializationSchema<T> {
  private static final long serialVersionUID = 1L;

  /** Builds the object mapper; serialised with the job. */
  @FunctionalInterface
  public interface MapperFactory extends Supplier<ObjectMapper>, Serializable {}

  private final Class<T> type;
  private final TypeInformation<T> typeInfo;
  private final boolean mapOfObjects;
  private final MapperFactory mapperFactory;
  private transient ObjectMapper mapper;
  private transient JavaType javaType;

  /** JSON values to {@code type}. */
  public JsonDeserializationSchema(Class<T> type) {
    this(type, ObjectMapper::new);
  }

  /** JSON values to {@code type}, with the mapper {@code mapperFactory} builds (modules, features). */
  public JsonDeserializationSchema(Class<T> type, MapperFactory mapperFactory) {
    this(Objects.requireNonNull(type, "type"), TypeExtractor.createTypeInfo(type), false, mapperFactory);
  }

  private JsonDeserializationSchema(Class<T> type, TypeInformation<T> typeInfo, boolean mapOfObjects,
      MapperFactory mapperFactory) {
    this.type = type;
    this.typeInfo = typeInfo;
    this.mapOfObjects = mapOfObjects;
    this.mapperFactory = Objects.requireNonNull(mapperFactory, "mapperFactory");
  }

  /** JSON objects to {@code Map<String, Object>} (nested objects as maps, arrays as lists). */
  public static JsonDeserializationSchema<Map<String, Object>> forMap() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Map<String, Object>> mapClass = (Class) Map.class;
    return new JsonDeserializationSchema<>(mapClass, Types.MAP(Types.STRING, Types.GENERIC(Object.class)), true,
        ObjectMapper::new);
  }

  @Override
  public void open() {
    mapper = mapperFactory.get();
    javaType = mapOfObjects ? mapper.getTypeFactory().constructMapType(Map.class, String.class, Object.class)
        : mapper.getTypeFactory().constructType(type);
  }

  @Override
  public T deserialize(byte[] message) throws IOException {
    if (message == null) {
      return null;
    }
    if (mapper == null) {
      open();
    }
    return mapper.readValue(message, javaType);
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return typeInfo;
  }
}
