package io.nagare.serialization;

import static io.nagare.serialization.SerializerTesting.b;
import static io.nagare.serialization.SerializerTesting.bytes;
import static io.nagare.serialization.SerializerTesting.read;
import static io.nagare.serialization.SerializerTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class EnumSerializerTest {

  enum Color { RED, GREEN, BLUE_ISH }

  /** Color with its constants reordered and one added: what a later version of the job might have. */
  enum ColorV2 { NEW_ONE, BLUE_ISH, GREEN, RED }

  enum Operation {
    PLUS {
      @Override
      int apply(int a, int b) {
        return a + b;
      }
    };

    abstract int apply(int a, int b);
  }

  @Test
  void constantsAreWrittenByName() {
    TypeSerializer<Color> s = SerializerFactory.create(Types.ENUM(Color.class));
    assertThat(TypeInformation.of(Color.class)).isEqualTo(Types.ENUM(Color.class));
    assertThat(bytes(s, Color.RED)).containsExactly(b(3, 'R', 'E', 'D'));
    for (Color c : Color.values()) {
      assertThat(roundTrip(s, c)).isSameAs(c);
    }
    assertThat(s.copy(Color.GREEN)).isSameAs(Color.GREEN);
  }

  @Test
  void reorderedConstantsStayReadable() {
    TypeSerializer<Color> before = SerializerFactory.create(Types.ENUM(Color.class));
    TypeSerializer<ColorV2> after = SerializerFactory.create(Types.ENUM(ColorV2.class));
    assertThat(read(after, bytes(before, Color.RED))).isEqualTo(ColorV2.RED);
    assertThat(read(after, bytes(before, Color.BLUE_ISH))).isEqualTo(ColorV2.BLUE_ISH);
  }

  @Test
  void removedConstantsFailNamingThem() {
    TypeSerializer<ColorV2> v2 = SerializerFactory.create(Types.ENUM(ColorV2.class));
    TypeSerializer<Color> v1 = SerializerFactory.create(Types.ENUM(Color.class));
    assertThatThrownBy(() -> read(v1, bytes(v2, ColorV2.NEW_ONE)))
        .isInstanceOf(UncheckedIOException.class)
        .cause()
        .isInstanceOf(IOException.class)
        .hasMessage("Enum " + Color.class.getName() + " has no constant 'NEW_ONE' (found in the data)");
    assertThatThrownBy(() -> read(v1, b(3, 'R', 'E', 'E')))
        .cause()
        .hasMessage("Enum " + Color.class.getName() + " has no constant 'REE' (found in the data)");
  }

  @Test
  void constantsWithBodiesWork() {
    TypeSerializer<Operation> s = SerializerFactory.create(Types.ENUM(Operation.class));
    assertThat(roundTrip(s, Operation.PLUS).apply(2, 3)).isEqualTo(5);
  }

  @Test
  void duplicateIsANewInstanceBecauseOfTheReadBuffer() {
    TypeSerializer<Color> s = SerializerFactory.create(Types.ENUM(Color.class));
    TypeSerializer<Color> copy = s.duplicate();
    assertThat(copy).isNotSameAs(s).isInstanceOf(EnumSerializer.class);
    assertThat(read(copy, bytes(s, Color.BLUE_ISH))).isEqualTo(Color.BLUE_ISH);
  }
}
