package io.nagare.connectors.kafka.source;

import io.nagare.api.serialization.DeserializationSchema;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Decimal integers as UTF-8 text; anything else is malformed ({@code IOException: not a number: '<text>'}). */
public final class IntegerSchema implements DeserializationSchema<Integer> {
  private static final long serialVersionUID = 1L;

  @Override
  public Integer deserialize(byte[] message) throws IOException {
    String text = new String(message, StandardCharsets.UTF_8);
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw new IOException("not a number: '" + text + "'");
    }
  }

  @Override
  public TypeInformation<Integer> getProducedType() {
    return Types.INT;
  }
}
