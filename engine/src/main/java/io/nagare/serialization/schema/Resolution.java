package io.nagare.serialization.schema;

import io.nagare.api.serialization.TypeSerializer;

/**
 * How restored data is read: with the present serializer as it is, or with a reader of the data's
 * earlier shape that returns values of the present one (the state is then migrated: written back
 * by the present serializer).
 *
 * @param reader reads the restored bytes; the present serializer itself when nothing migrates
 * @param migrates whether the reader is not the present serializer
 * @param <T> the present value type
 */
public record Resolution<T>(TypeSerializer<T> reader, boolean migrates) {

  /** Reading with {@code serializer} as it is. */
  public static <T> Resolution<T> asIs(TypeSerializer<T> serializer) {
    return new Resolution<>(serializer, false);
  }
}
