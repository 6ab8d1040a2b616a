package io.nagare.state;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.serialization.DataInputDeserializer;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.serialization.schema.IncompatibleSchemaException;
import io.nagare.serialization.schema.Resolution;
import io.nagare.serialization.schema.SchemaResolver;
import io.nagare.serialization.schema.SerializerSchema;
import io.nagare.serialization.schema.SerializerSchemas;
import java.io.IOException;

/**
 * The serializer snapshots of one keyed state (or of timers), written beside its entries in a
 * checkpoint: how its keys, namespaces and values were serialised. On restore {@link #resolve}
 * judges them against the serializers the state is registered with now. Format: int version
 * ({@value #VERSION}), then the key's, the namespace's and the value's {@link SerializerSchema}
 * (timers have no value: the key's again). Immutable.
 *
 * @param key how keys were written
 * @param namespace how namespaces were written
 * @param value how values were written (for list state the whole list, for map state the whole map)
 */
public record StateSchema(SerializerSchema key, SerializerSchema namespace, SerializerSchema value) {
  /** The version of this format, its first int. */
  public static final int VERSION = 1;

  /** The readers a restore uses for one state's entries. */
  public record Readers<K, N, S>(TypeSerializer<K> key, TypeSerializer<N> namespace, TypeSerializer<S> value,
      boolean migrates) {}

  /** The snapshot of state written by these serializers. */
  public static StateSchema of(TypeSerializer<?> key, TypeSerializer<?> namespace, TypeSerializer<?> value) {
    return new StateSchema(SerializerSchemas.of(key), SerializerSchemas.of(namespace), SerializerSchemas.of(value));
  }

  public byte[] toBytes() {
    DataOutputSerializer out = new DataOutputSerializer(256);
    try {
      out.writeInt(VERSION);
      key.write(out);
      namespace.write(out);
      value.write(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.getCopyOfBuffer();
  }

  /**
   * Reads {@link #toBytes()}; null for none (an empty array: written before serializer snapshots).
   *
   * @throws IOException if written by a later version
   */
  public static StateSchema fromBytes(byte[] bytes) throws IOException {
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException("Serializer snapshot of version " + version + " cannot be read: it was written by a later"
          + " version of nagare; this version reads version " + VERSION);
    }
    return new StateSchema(SerializerSchema.read(in), SerializerSchema.read(in), SerializerSchema.read(in));
  }

  /**
   * How to read entries written with this snapshot so that they become values of the present
   * serializers. Keys and namespaces must be readable as they are (a key decides the key group and
   * RocksDB's order); values may migrate.
   *
   * @param what the state and its operator, for the message: {@code state 'count' of operator 'Counter (id x)'}
   * @throws IllegalStateException naming {@code what} and the difference if they cannot be read
   */
  public <K, N, S> Readers<K, N, S> resolve(String what, TypeSerializer<K> keys, TypeSerializer<N> namespaces,
      TypeSerializer<S> values) {
    try {
      Resolution<K> k = SchemaResolver.resolve(key, keys, "the key");
      if (k.migrates()) {
        throw new IncompatibleSchemaException("the key's type changed shape (" + key.describe() + "); keys cannot"
            + " migrate, as they decide where state lives");
      }
      Resolution<N> n = SchemaResolver.resolve(namespace, namespaces, "the namespace");
      if (n.migrates()) {
        throw new IncompatibleSchemaException("the namespace's type changed shape (" + namespace.describe() + ")");
      }
      Resolution<S> v = SchemaResolver.resolve(value, values);
      return new Readers<>(keys, namespaces, v.reader(), v.migrates());
    } catch (IncompatibleSchemaException e) {
      throw new IllegalStateException("Cannot restore " + what + ": " + e.getMessage(), e);
    }
  }
}
