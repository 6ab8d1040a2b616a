package io.nagare.serialization;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.TypeSerializer;
import java.io.EOFException;
import java.io.IOException;

/** Helpers shared by the composite serializers. Stateless. */
final class Serializers {
  private Serializers() {}

  /** {@code serializers} itself if every duplicate is the same instance, else an array of the duplicates. */
  static TypeSerializer<Object>[] duplicateAll(TypeSerializer<Object>[] serializers) {
    TypeSerializer<Object>[] copies = null;
    for (int i = 0; i < serializers.length; i++) {
      TypeSerializer<Object> copy = serializers[i].duplicate();
      if (copy != serializers[i] && copies == null) {
        copies = serializers.clone();
      }
      if (copies != null) {
        copies[i] = copy;
      }
    }
    return copies == null ? serializers : copies;
  }

  /** The serializer {@link NullableSerializer#wrap} was given. */
  static <T> TypeSerializer<T> unwrap(TypeSerializer<T> serializer) {
    return serializer instanceof NullableSerializer<T> nullable ? nullable.getInner() : serializer;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static TypeSerializer<Object>[] unwrapAll(TypeSerializer<Object>[] serializers) {
    TypeSerializer<Object>[] unwrapped = new TypeSerializer[serializers.length];
    for (int i = 0; i < serializers.length; i++) {
      unwrapped[i] = unwrap(serializers[i]);
    }
    return unwrapped;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static TypeSerializer<Object>[] wrapAll(TypeSerializer<Object>[] serializers) {
    TypeSerializer<Object>[] wrapped = new TypeSerializer[serializers.length];
    for (int i = 0; i < serializers.length; i++) {
      wrapped[i] = NullableSerializer.wrap(serializers[i]);
    }
    return wrapped;
  }

  /**
   * Rethrows the failure of a method-handle call: I/O, runtime exceptions and errors as they are,
   * anything else (a checked exception from a user getter, say) wrapped in an {@link
   * IllegalStateException}. Always throws; the return type lets callers write {@code throw
   * rethrowIo(...)}.
   */
  static IOException rethrowIo(Throwable t, String what) throws IOException {
    if (t instanceof IOException) {
      throw (IOException) t;
    }
    throw unchecked(t, what);
  }

  /**
   * Like {@link #rethrowIo} for calls that cannot throw {@link IOException}: returns the runtime
   * exception to throw (rethrowing errors directly).
   */
  static RuntimeException unchecked(Throwable t, String what) {
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    return new IllegalStateException(what + " failed: " + t, t);
  }

  /** The capacity a {@code HashMap} needs to hold {@code size} entries without resizing. */
  static int hashCapacity(int size) {
    return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(size / 0.75d));
  }

  /**
   * Fails early, before allocating, if {@code source} is a byte array with fewer than {@code count *
   * width} bytes left: a corrupt length then gives an {@link EOFException}, not an out-of-memory error.
   */
  static void checkAvailable(DataInputView source, int count, int width) throws EOFException {
    long available = source instanceof DataInputDeserializer bytes ? bytes.available()
        : source instanceof DataInputViewStream stream ? stream.remaining() : Long.MAX_VALUE;
    if (available < (long) count * width) {
      throw new EOFException("Corrupt data: " + count + " elements of " + width + " bytes announced, " + available
          + " bytes left");
    }
  }
}
