package io.nagare.connectors.kafka.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.Types;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDeserializationSchemaTest {
  /** A record type for the tests. */
  public record Order(String id, int quantity) {}

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T schema) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(schema);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void readsObjectsOfAClassAfterTravellingWithTheJob() throws Exception {
    JsonDeserializationSchema<Order> schema = roundTrip(new JsonDeserializationSchema<>(Order.class));
    schema.open();

    assertThat(schema.deserialize(json("{\"id\":\"o-1\",\"quantity\":3}"))).isEqualTo(new Order("o-1", 3));
    assertThat(schema.deserialize(null)).isNull();
    assertThat(schema.getProducedType()).isEqualTo(TypeExtractor.createTypeInfo(Order.class));
  }

  @Test
  void readsMapsWithNestedValues() throws Exception {
    JsonDeserializationSchema<Map<String, Object>> schema = roundTrip(JsonDeserializationSchema.forMap());
    schema.open();

    assertThat(schema.deserialize(json("{\"a\":1,\"b\":{\"c\":[true,\"x\"]}}")))
        .isEqualTo(Map.of("a", 1, "b", Map.of("c", List.of(true, "x"))));
    assertThat(schema.getProducedType()).isEqualTo(Types.MAP(Types.STRING, Types.GENERIC(Object.class)));
  }

  @Test
  void invalidJsonAndUnknownFieldsAreIoExceptionsUnlessTheMapperAllowsThem() throws Exception {
    JsonDeserializationSchema<Order> strict = new JsonDeserializationSchema<>(Order.class);
    strict.open();
    JsonDeserializationSchema<Order> lenient = roundTrip(new JsonDeserializationSchema<>(Order.class,
        () -> new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)));
    lenient.open();

    assertThatThrownBy(() -> strict.deserialize(json("{\"id\":")))
        .isInstanceOf(IOException.class).hasMessageStartingWith("Unexpected end-of-input");
    assertThatThrownBy(() -> strict.deserialize(json("{\"id\":\"o\",\"quantity\":1,\"note\":\"n\"}")))
        .isInstanceOf(IOException.class).hasMessageStartingWith("Unrecognized field \"note\"");
    assertThat(lenient.deserialize(json("{\"id\":\"o\",\"quantity\":1,\"note\":\"n\"}"))).isEqualTo(new Order("o", 1));
  }
}
