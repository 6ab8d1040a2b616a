package io.nagare.serialization;

import static io.nagare.serialization.SerializerTesting.bytes;
import static io.nagare.serialization.SerializerTesting.javaRoundTrip;
import static io.nagare.serialization.SerializerTesting.read;
import static io.nagare.serialization.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.GenericTypeInfo;
import io.nagare.api.typeinfo.PrimitiveArrayTypeInfo;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class SerializerLifecycleTest {

  public static class Order {
    public String id;
    public long amount;
    public Object note;

    @Override
    public boolean equals(Object o) {
      return o instanceof Order && Objects.equals(((Order) o).id, id) && ((Order) o).amount == amount
          && Objects.equals(((Order) o).note, note);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, amount);
    }
  }

  record Line(String sku, int quantity) {}

  enum Status { OPEN, CLOSED }

  /** No no-argument constructor: forces Kryo. */
  static final class Opaque {
    final String value;

    Opaque(String value) {
      this.value = value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Opaque && ((Opaque) o).value.equals(value);
    }

    @Override
    public int hashCode() {
      return value.hashCode();
    }
  }

  private static Order order() {
    Order order = new Order();
    order.id = "o-1";
    order.amount = 250;
    order.note = new Opaque("fragile");
    return order;
  }

  @Test
  void statelessSerializersDuplicateToThemselves() {
    TypeInformation<?>[] stateless = {
      Types.LONG, Types.STRING, Types.BIG_DEC, Types.VOID, PrimitiveArrayTypeInfo.LONG_ARRAY,
      Types.OBJECT_ARRAY(Types.STRING), Types.TUPLE(Types.LONG, Types.STRING), Types.LIST(Types.INT),
      Types.MAP(Types.STRING, Types.LIST(Types.LONG))
    };
    for (TypeInformation<?> type : stateless) {
      TypeSerializer<?> s = SerializerFactory.create(type);
      assertThat(s.duplicate()).as(type.toString()).isSameAs(s);
    }
  }

  @Test
  void statefulSerializersDuplicateToDistinctInstancesOfTheSameKind() {
    TypeInformation<?>[] stateful = {
      new GenericTypeInfo<>(Object.class), TypeInformation.of(Order.class), TypeInformation.of(Line.class),
      Types.ENUM(Status.class), Types.TUPLE(Types.LONG, new GenericTypeInfo<>(Object.class)),
      Types.LIST(TypeInformation.of(Line.class)), Types.MAP(Types.STRING, new GenericTypeInfo<>(Object.class)),
      Types.OBJECT_ARRAY(Types.ENUM(Status.class))
    };
    for (TypeInformation<?> type : stateful) {
      TypeSerializer<?> s = SerializerFactory.create(type);
      TypeSerializer<?> copy = s.duplicate();
      assertThat(copy).as(type.toString()).isNotSameAs(s).hasSameClassAs(s);
    }
  }

  @Test
  void duplicatesWorkIndependentlyOnOtherThreads() throws Exception {
    TypeSerializer<Order> s = SerializerFactory.create(TypeInformation.of(Order.class));
    byte[] written = bytes(s, order());
    List<Throwable> failures = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      TypeSerializer<Order> mine = s.duplicate();
      Thread thread = new Thread(() -> {
        try {
          for (int i = 0; i < 2_000; i++) {
            assertThat(read(mine, bytes(mine, read(mine, written)))).isEqualTo(order());
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void serializersSurviveJavaSerializationAfterUse() {
    TypeSerializer<Order> pojo = SerializerFactory.create(TypeInformation.of(Order.class));
    byte[] written = bytes(pojo, order());
    TypeSerializer<Order> shipped = javaRoundTrip(pojo);
    assertThat(shipped).isNotSameAs(pojo).isInstanceOf(PojoSerializer.class);
    assertThat(read(shipped, written)).isEqualTo(order());
    roundTrip(shipped, order());

    TypeSerializer<Line> record = SerializerFactory.create(TypeInformation.of(Line.class));
    roundTrip(record, new Line("sku", 2));
    roundTrip(javaRoundTrip(record), new Line("sku", 3));

    TypeSerializer<Object> dynamic = SerializerFactory.create(new GenericTypeInfo<>(Object.class));
    roundTrip(dynamic, new Opaque("before"));
    roundTrip(javaRoundTrip(dynamic), new Opaque("after"));

    TypeSerializer<Status> enums = SerializerFactory.create(Types.ENUM(Status.class));
    roundTrip(enums, Status.OPEN);
    assertThat(read(javaRoundTrip(enums), bytes(enums, Status.CLOSED))).isSameAs(Status.CLOSED);

    TypeSerializer<Map<String, List<Tuple2<Long, String>>>> nested =
        SerializerFactory.create(Types.MAP(Types.STRING, Types.LIST(Types.TUPLE(Types.LONG, Types.STRING))));
    roundTrip(javaRoundTrip(nested), Map.of("k", List.of(Tuple2.of(1L, "v"))));
  }

  @Test
  void singletonsStaySingletonsAcrossJavaSerialization() {
    assertThat(javaRoundTrip(LongSerializer.INSTANCE)).isSameAs(LongSerializer.INSTANCE);
    assertThat(javaRoundTrip(StringSerializer.INSTANCE)).isSameAs(StringSerializer.INSTANCE);
    assertThat(javaRoundTrip(ByteArraySerializer.INSTANCE)).isSameAs(ByteArraySerializer.INSTANCE);
    TypeSerializer<Tuple2<Long, Long>> tuple = SerializerFactory.create(Types.TUPLE(Types.LONG, Types.LONG));
    TypeSerializer<Tuple2<Long, Long>> shipped = javaRoundTrip(tuple);
    assertThat(shipped.getLength()).isEqualTo(16);
    roundTrip(shipped, Tuple2.of(1L, 2L));
  }
}
