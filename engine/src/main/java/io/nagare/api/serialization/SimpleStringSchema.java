package io.nagare.api.serialization;

import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Strings as bytes in a charset (UTF-8 unless given): {@code new SimpleStringSchema()} for a Kafka
 * source's values or a Kafka sink's keys and values. A null value (a Kafka tombstone) deserialises
 * to no record.
 */
public final class SimpleStringSchema implements SerializationSchema<String>, DeserializationSchema<String> {
  private static final long serialVersionUID = 1L;

  private final String charsetName;
  private transient Charset charset;

  public SimpleStringSchema() {
    this(StandardCharsets.UTF_8);
  }

  public SimpleStringSchema(Charset charset) {
    this.charsetName = charset.name();
    this.charset = charset;
  }

  private Charset charset() {
    if (charset == null) {
      charset = Charset.forName(charsetName);
    }
    return charset;
  }

  @Override
  public void open() {}

  @Override
  public String deserialize(byte[] message) {
    return message == null ? null : new String(message, charset());
  }

  @Override
  public byte[] serialize(String element) {
    return element == null ? null : element.getBytes(charset());
  }

  @Override
  public TypeInformation<String> getProducedType() {
    return Types.STRING;
  }
}
