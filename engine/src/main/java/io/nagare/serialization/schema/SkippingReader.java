package io.nagare.serialization.schema;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.serialization.DynamicSerializer;
import io.nagare.serialization.NullableSerializer;
import io.nagare.serialization.StringSerializer;
import io.nagare.serialization.schema.SerializerSchema.Kind;
import io.nagare.serialization.schema.SerializerSchema.Member;
import java.io.IOException;

/**
 * Reads past a value of a field that no longer exists, knowing only its {@link SerializerSchema}
 * (its class may be gone): returns null. Follows the formats of the built-in serializers; a value
 * Kryo wrote is read with the {@link DynamicSerializer} (its class must still load). Only reads.
 * Stateful when it holds a dynamic serializer: {@link #duplicate()} returns a copy.
 */
final class SkippingReader implements TypeSerializer<Object> {
  private static final long serialVersionUID = 1L;

  private final SerializerSchema schema;
  private final TypeSerializer<Object>[] members;
  private transient DynamicSerializer dynamic;

  @SuppressWarnings("unchecked")
  private SkippingReader(SerializerSchema schema) {
    this.schema = schema;
    this.members = new TypeSerializer[schema.members().size()];
    for (int i = 0; i < members.length; i++) {
      SerializerSchema member = schema.members().get(i).schema();
      members[i] = member == null ? null : of(member);
    }
  }

  /**
   * A reader that skips a value of {@code schema} in a non-null position.
   *
   * @throws IllegalArgumentException for a custom serializer, whose format is unknown here
   */
  @SuppressWarnings("unchecked")
  static TypeSerializer<Object> of(SerializerSchema schema) {
    if (schema.kind() == Kind.BASIC) {
      TypeSerializer<?> basic = SerializerSchemas.basicSerializer(schema.type());
      if (basic == null) {
        throw new IllegalArgumentException("unknown basic type " + schema.type());
      }
      return (TypeSerializer<Object>) basic;
    }
    if (schema.kind() == Kind.KRYO) {
      return new DynamicSerializer();
    }
    if (schema.kind() == Kind.CUSTOM) {
      throw new IllegalArgumentException("a value of custom serializer " + schema.type() + " cannot be skipped");
    }
    return new SkippingReader(schema);
  }

  private DynamicSerializer dynamic() {
    if (dynamic == null) {
      dynamic = new DynamicSerializer();
    }
    return dynamic;
  }

  @Override
  public Object deserialize(DataInputView in) throws IOException {
    switch (schema.kind()) {
      case POJO -> {
        byte header = in.readByte();
        if (header == 1) {
          dynamic().deserialize(in);
        } else {
          skipAll(in, true);
        }
      }
      case RECORD -> skipAll(in, true);
      case TUPLE -> skipAll(in, false);
      case ENUM -> StringSerializer.INSTANCE.deserialize(in);
      case LIST, ARRAY -> {
        for (int n = in.readVarInt(); n > 0; n--) {
          skip(0, true, in);
        }
      }
      case MAP -> {
        for (int n = in.readVarInt(); n > 0; n--) {
          skip(0, false, in);
          skip(1, true, in);
        }
      }
      default -> throw new IOException("Cannot skip a value of " + schema.describe());
    }
    return null;
  }

  private void skipAll(DataInputView in, boolean nullable) throws IOException {
    for (int i = 0; i < members.length; i++) {
      skip(i, nullable, in);
    }
  }

  private void skip(int member, boolean nullable, DataInputView in) throws IOException {
    Member m = schema.members().get(member);
    if (nullable && m.schema().kind() != Kind.KRYO && in.readByte() == NullableSerializer.NULL) {
      return;
    }
    members[member].deserialize(in);
  }

  @Override
  public void serialize(Object value, DataOutputView target) {
    throw new UnsupportedOperationException("Skips values only");
  }

  @Override
  public Object copy(Object value) {
    throw new UnsupportedOperationException("Skips values only");
  }

  @Override
  public TypeSerializer<Object> duplicate() {
    return new SkippingReader(schema);
  }
}
