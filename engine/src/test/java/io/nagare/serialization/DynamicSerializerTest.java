package io.nagare.serialization;

import static io.nagare.serialization.SerializerTesting.b;
import static io.nagare.serialization.SerializerTesting.bytes;
import static io.nagare.serialization.SerializerTesting.read;
import static io.nagare.serialization.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.functions.MapFunction;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.tuple.Tuple3;
import io.nagare.api.tuple.Tuple5;
import io.nagare.api.typeinfo.GenericTypeInfo;
import io.nagare.api.typeinfo.TupleTypeInfo;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DynamicSerializerTest {

  /** No no-argument constructor, final fields, a cycle-capable reference: only Kryo can handle it. */
  static final class Account {
    private final String owner;
    private final long balance;
    private final List<String> history;
    private Account partner;

    Account(String owner, long balance, List<String> history) {
      this.owner = owner;
      this.balance = balance;
      this.history = history;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Account && ((Account) o).owner.equals(owner) && ((Account) o).balance == balance
          && ((Account) o).history.equals(history);
    }

    @Override
    public int hashCode() {
      return Objects.hash(owner, balance);
    }
  }

  record Pair(String left, Object right) {}

  private final TypeSerializer<Object> dynamic = SerializerFactory.create(new GenericTypeInfo<>(Object.class));

  @Test
  void builtInClassesGetOneTagByteAndTheirFormat() {
    assertThat(bytes(dynamic, null)).containsExactly(b(0));
    assertThat(bytes(dynamic, "hi")).containsExactly(b(1, 2, 'h', 'i'));
    assertThat(bytes(dynamic, 5L)).containsExactly(b(2, 0, 0, 0, 0, 0, 0, 0, 5));
    assertThat(bytes(dynamic, 5)).containsExactly(b(3, 0, 0, 0, 5));
    assertThat(bytes(dynamic, 1.0)).containsExactly(b(4, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0));
    assertThat(bytes(dynamic, 1.0f)).containsExactly(b(5, 0x3F, 0x80, 0, 0));
    assertThat(bytes(dynamic, true)).containsExactly(b(6, 1));
    assertThat(bytes(dynamic, (short) 1)).containsExactly(b(7, 0, 1));
    assertThat(bytes(dynamic, (byte) 1)).containsExactly(b(8, 1));
    assertThat(bytes(dynamic, 'A')).containsExactly(b(9, 0, 'A'));
    assertThat(bytes(dynamic, BigInteger.ONE)).containsExactly(b(10, 1, 1));
    assertThat(bytes(dynamic, BigDecimal.ONE)).containsExactly(b(11, 1, 1, 0, 0, 0, 0));
    assertThat(bytes(dynamic, b(9))).containsExactly(b(12, 1, 9));
    assertThat(bytes(dynamic, new int[] {1})).containsExactly(b(13, 1, 0, 0, 0, 1));
    assertThat(bytes(dynamic, new long[0])).containsExactly(b(14, 0));
    assertThat(bytes(dynamic, new double[0])).containsExactly(b(15, 0));
    assertThat(bytes(dynamic, new float[0])).containsExactly(b(16, 0));
    assertThat(bytes(dynamic, new short[0])).containsExactly(b(17, 0));
    assertThat(bytes(dynamic, new char[0])).containsExactly(b(18, 0));
    assertThat(bytes(dynamic, new boolean[] {true})).containsExactly(b(19, 1, 1));
    assertThat(bytes(dynamic, Tuple2.of(1, "x"))).containsExactly(b(21, 3, 0, 0, 0, 1, 1, 1, 'x'));
    assertThat(bytes(dynamic, new ArrayList<>(List.of(true)))).containsExactly(b(25, 1, 6, 1));
    assertThat(bytes(dynamic, new HashMap<>(Map.of("k", 'v')))).containsExactly(b(26, 1, 1, 1, 'k', 9, 0, 'v'));
    assertThat(bytes(dynamic, TimeUnit.SECONDS)).startsWith(b(27, 29)).endsWith(b(7, 'S', 'E', 'C', 'O', 'N', 'D', 'S'));
  }

  @Test
  void builtInValuesRoundTrip() {
    Object[] values = {
      "", "ünïcödé 😀", Long.MIN_VALUE, Integer.MAX_VALUE, Double.NaN, -0.5f, false, Short.MIN_VALUE, Byte.MIN_VALUE,
      '\uFFFF', new BigInteger("-99999999999999999999"), new BigDecimal("0.000"), TimeUnit.DAYS,
      Tuple5.of(1L, "two", 3.0, List.of(4), Map.of("five", 5)),
      new ArrayList<>(Arrays.asList(1, null, "mixed", List.of())),
      new HashMap<>(Map.of(1L, "one", "two", 2L))
    };
    for (Object value : values) {
      roundTrip(dynamic, value);
    }
    assertThat(read(dynamic, bytes(dynamic, new long[] {3, 4}))).isEqualTo(new long[] {3, 4});
    assertThat(read(dynamic, bytes(dynamic, new char[] {'a'}))).isEqualTo(new char[] {'a'});
    assertThat(read(dynamic, bytes(dynamic, null))).isNull();
  }

  @Test
  void jdkListAndMapVariantsComeBackAsArrayListAndHashMap() {
    assertThat(read(dynamic, bytes(dynamic, List.of(1, 2)))).isEqualTo(List.of(1, 2)).isInstanceOf(ArrayList.class);
    assertThat(read(dynamic, bytes(dynamic, Arrays.asList("a")))).isInstanceOf(ArrayList.class);
    assertThat(read(dynamic, bytes(dynamic, Collections.unmodifiableList(new ArrayList<>(List.of(1))))))
        .isInstanceOf(ArrayList.class);
    assertThat(read(dynamic, bytes(dynamic, Map.of("a", 1)))).isEqualTo(Map.of("a", 1)).isInstanceOf(HashMap.class);
  }

  @Test
  void otherCollectionsKeepTheirClassThroughKryo() {
    LinkedHashMap<String, Integer> ordered = new LinkedHashMap<>();
    ordered.put("z", 1);
    ordered.put("a", 2);
    Object back = roundTrip(dynamic, ordered);
    assertThat(back).isInstanceOf(LinkedHashMap.class);
    assertThat(new ArrayList<Object>(((Map<?, ?>) back).keySet())).containsExactly("z", "a");
    assertThat(bytes(dynamic, ordered)[0]).isEqualTo((byte) 28);
    assertThat(roundTrip(dynamic, new TreeMap<>(Map.of("b", 1, "a", 2)))).isInstanceOf(TreeMap.class);
    assertThat(roundTrip(dynamic, new LinkedList<>(List.of(1, 2)))).isInstanceOf(LinkedList.class);
  }

  @Test
  void rawTupleFromALambdaRoundTrips() {
    MapFunction<Long, Tuple2<Long, Long>> fn = i -> Tuple2.of(i % 10, i);
    TypeInformation<Tuple2<Long, Long>> type = TypeExtractor.getParameterType(fn, MapFunction.class, 1, true);
    assertThat(type).isEqualTo(new TupleTypeInfo<>(new GenericTypeInfo<>(Object.class), new GenericTypeInfo<>(Object.class)));
    TypeSerializer<Tuple2<Long, Long>> s = SerializerFactory.create(type);
    assertThat(s).isInstanceOf(TupleSerializer.class);
    Tuple2<Long, Long> value = Tuple2.of(3L, 13L);
    assertThat(bytes(s, value)).containsExactly(b(2, 0, 0, 0, 0, 0, 0, 0, 3, 2, 0, 0, 0, 0, 0, 0, 0, 13));
    roundTrip(s, value);
    assertThat(s.copy(value)).isEqualTo(value).isNotSameAs(value);
  }

  @Test
  void classesWithoutNoArgConstructorGoThroughKryo() {
    Account account = new Account("ann", 100, new ArrayList<>(List.of("open")));
    byte[] written = bytes(dynamic, account);
    assertThat(written[0]).isEqualTo((byte) 28);
    String className = Account.class.getName();
    assertThat(written[1]).isEqualTo((byte) className.length());
    assertThat(new String(written, 2, className.length())).isEqualTo(className);
    Account back = (Account) read(dynamic, written);
    assertThat(back).isEqualTo(account);
    Account copy = (Account) dynamic.copy(account);
    assertThat(copy).isEqualTo(account).isNotSameAs(account);
    assertThat(copy.history).isNotSameAs(account.history);
  }

  @Test
  void kryoKeepsSharedAndCyclicReferences() {
    Account a = new Account("a", 1, new ArrayList<>());
    Account b = new Account("b", 2, new ArrayList<>());
    a.partner = b;
    b.partner = a;
    Account back = (Account) read(dynamic, bytes(dynamic, a));
    assertThat(back.partner.owner).isEqualTo("b");
    assertThat(back.partner.partner).isSameAs(back);
  }

  @Test
  void recordsAndJavaTimeThroughKryo() {
    roundTrip(dynamic, new Pair("left", Instant.ofEpochSecond(1_700_000_000L, 5)));
    roundTrip(dynamic, Instant.EPOCH);
  }

  @Test
  void genericTypeInformationOfASpecificClassUsesTheSamePath() {
    TypeSerializer<Account> s = SerializerFactory.create(new GenericTypeInfo<>(Account.class));
    assertThat(s).isInstanceOf(DynamicSerializer.class);
    roundTrip(s, new Account("x", -1, List.of()));
  }

  @Test
  void manyValuesBackToBackIncludingKryoOnes() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(1);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      values.add(i % 3 == 0 ? new Account("o" + i, i, List.of("h" + i)) : i % 3 == 1 ? (Object) ("s" + i) : Tuple3.of(i, null, (long) i));
    }
    for (Object v : values) {
      dynamic.serialize(v, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (Object v : values) {
      assertThat(dynamic.deserialize(in)).isEqualTo(v);
    }
    assertThat(in.available()).isZero();
  }

  @Test
  void classesAreLoadedThroughTheContextClassLoader() {
    byte[] written = bytes(dynamic, new Account("ctx", 0, List.of()));
    RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      TypeSerializer<Object> fresh = dynamic.duplicate();
      assertThat(read(fresh, written)).isEqualTo(new Account("ctx", 0, List.of()));
      assertThat(read(fresh, written)).isEqualTo(new Account("ctx", 0, List.of()));
    } finally {
      thread.setContextClassLoader(previous);
    }
    assertThat(loader.requested.stream().filter(Account.class.getName()::equals)).hasSize(1);
  }

  @Test
  void unknownTagsAndClassesAreReported() {
    assertThatThrownBy(() -> dynamic.deserialize(new DataInputDeserializer(b(99))))
        .isInstanceOf(IOException.class)
        .hasMessage("Corrupt data: unknown dynamic type tag 99");
    DataOutputSerializer out = new DataOutputSerializer(8);
    out.writeByte(28);
    out.writeUTF("com.example.DoesNotExist");
    out.writeVarInt(0);
    assertThatThrownBy(() -> dynamic.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
        .isInstanceOf(IOException.class)
        .hasMessage("Class com.example.DoesNotExist named in the data cannot be loaded by the context class loader");
  }

  @Test
  void enumsThroughTheDynamicPathAreReadByName() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(8);
    out.writeByte(27);
    out.writeUTF(TimeUnit.class.getName());
    out.writeUTF("MINUTES");
    assertThat(read(dynamic, out.getCopyOfBuffer())).isSameAs(TimeUnit.MINUTES);
    out.clear();
    out.writeByte(27);
    out.writeUTF(TimeUnit.class.getName());
    out.writeUTF("FORTNIGHTS");
    assertThatThrownBy(() -> dynamic.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
        .hasMessage("Enum java.util.concurrent.TimeUnit has no constant 'FORTNIGHTS' (found in the data)");
  }

  @Test
  void typesSaysGenericToo() {
    assertThat(SerializerFactory.create(Types.GENERIC(Object.class))).isInstanceOf(DynamicSerializer.class);
  }

  private static final class RecordingLoader extends ClassLoader {
    final List<String> requested = Collections.synchronizedList(new ArrayList<>());

    RecordingLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      requested.add(name);
      return super.loadClass(name, resolve);
    }
  }
}
