package io.nagare.serialization.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.serialization.DataInputDeserializer;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.serialization.ListSerializer;
import io.nagare.serialization.PojoSerializer;
import io.nagare.serialization.SerializerFactory;
import io.nagare.serialization.StringSerializer;
import io.nagare.serialization.schema.SerializerSchema.Kind;
import io.nagare.serialization.schema.SerializerSchema.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaResolverTest {

  /** A POJO whose earlier shape the tests write with a serializer of fewer fields. */
  public static class Item {
    public String name;
    public long size = 9;
    public Item() {}
  }

  @SuppressWarnings("unchecked")
  private static TypeSerializer<Object> nameOnly() {
    return (TypeSerializer<Object>) (TypeSerializer<?>) new PojoSerializer<>(Item.class, new String[] {"name"},
        new TypeSerializer[] {StringSerializer.INSTANCE});
  }

  private static Item item(String name) {
    Item item = new Item();
    item.name = name;
    return item;
  }

  @Test
  void aListOfAnEarlierPojoShapeIsReadIntoThePresentOne() throws Exception {
    ListSerializer<Object> before = new ListSerializer<>(nameOnly());
    DataOutputSerializer out = new DataOutputSerializer(64);
    List<Object> items = new ArrayList<>();
    items.add(item("lamp"));
    items.add(null);
    before.serialize(items, out);

    TypeSerializer<List<Item>> present = SerializerFactory.create(Types.LIST(TypeInformation.of(Item.class)));
    Resolution<List<Item>> resolution = SchemaResolver.resolve(SerializerSchemas.of(before), present);
    assertThat(resolution.migrates()).isTrue();
    List<Item> read = resolution.reader().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(read).hasSize(2);
    assertThat(read.get(0).name).isEqualTo("lamp");
    assertThat(read.get(0).size).isEqualTo(9L);
    assertThat(read.get(1)).isNull();
  }

  @Test
  void theSameShapeIsReadAsIsAndAPrimitiveMatchesItsBoxedType() throws Exception {
    TypeSerializer<Item> present = SerializerFactory.create(TypeInformation.of(Item.class));
    assertThat(SchemaResolver.resolve(SerializerSchemas.of(present), present).reader()).isSameAs(present);

    SerializerSchema boxed = pojo(new Member("name", "java.lang.String", basic("java.lang.String")),
        new Member("size", "java.lang.Long", basic("java.lang.Long")));
    Resolution<Item> resolution = SchemaResolver.resolve(boxed, present);
    assertThat(resolution.migrates()).isFalse();
    assertThat(resolution.reader()).isSameAs(present);
  }

  @Test
  void aChangedFieldTypeIsNamedByItsPathInsideMapsAndLists() {
    SerializerSchema intSize = pojo(new Member("name", "java.lang.String", basic("java.lang.String")),
        new Member("size", "int", basic("java.lang.Integer")));
    SerializerSchema map = new SerializerSchema(Kind.MAP, 1, "java.util.Map", List.of(
        new Member("key", "java.lang.String", basic("java.lang.String")), new Member("value", Item.class.getName(), intSize)));
    TypeSerializer<Map<String, Item>> presentMap = SerializerFactory.create(
        Types.MAP(Types.STRING, TypeInformation.of(Item.class)));
    assertThatThrownBy(() -> SchemaResolver.resolve(map, presentMap))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessage("value, field 'size' changed from int to long");

    SerializerSchema list = new SerializerSchema(Kind.LIST, 1, "java.util.List",
        List.of(new Member("element", Item.class.getName(), intSize)));
    TypeSerializer<List<Item>> presentList = SerializerFactory.create(Types.LIST(TypeInformation.of(Item.class)));
    assertThatThrownBy(() -> SchemaResolver.resolve(list, presentList, "the key"))
        .hasMessage("the key, element, field 'size' changed from int to long");
  }

  @Test
  void anotherClassATupleOfAnotherArityAndALaterFormatVersionAreRefused() {
    TypeSerializer<Item> present = SerializerFactory.create(TypeInformation.of(Item.class));
    SerializerSchema other = new SerializerSchema(Kind.POJO, 1, "com.example.Other", List.of());
    assertThatThrownBy(() -> SchemaResolver.resolve(other, present))
        .hasMessage("the value changed from com.example.Other to " + Item.class.getName());

    SerializerSchema later = new SerializerSchema(Kind.POJO, 2, Item.class.getName(), List.of());
    assertThatThrownBy(() -> SchemaResolver.resolve(later, present))
        .hasMessage("the value was written in version 2 of the POJO format, by a later version of nagare; this"
            + " version reads up to 1");

    TypeSerializer<?> pair = SerializerFactory.create(Types.TUPLE(Types.STRING, Types.INT));
    SerializerSchema triple = SerializerSchemas.of(SerializerFactory.create(Types.TUPLE(Types.STRING, Types.INT, Types.INT)));
    assertThatThrownBy(() -> SchemaResolver.resolve(triple, pair))
        .hasMessage("the value changed from Tuple3 to Tuple2");
  }

  @Test
  void aRemovedFieldOfACustomSerializerCannotBeSkipped() {
    SerializerSchema custom = new SerializerSchema(Kind.CUSTOM, 1, "com.example.OwnSerializer", List.of());
    SerializerSchema withCustom = pojo(new Member("name", "java.lang.String", basic("java.lang.String")),
        new Member("extra", "com.example.Own", custom));
    assertThatThrownBy(() -> SchemaResolver.resolve(withCustom, SerializerFactory.create(TypeInformation.of(Item.class))))
        .hasMessage("field 'extra' was removed, and a value of custom serializer com.example.OwnSerializer cannot be"
            + " skipped");
  }

  @Test
  void snapshotsSurviveTheirBinaryForm() throws Exception {
    TypeSerializer<Map<String, List<Item>>> serializer = SerializerFactory.create(
        Types.MAP(Types.STRING, Types.LIST(TypeInformation.of(Item.class))));
    SerializerSchema schema = SerializerSchemas.of(serializer);
    DataOutputSerializer out = new DataOutputSerializer(64);
    schema.write(out);
    assertThat(SerializerSchema.read(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(schema);
    assertThat(schema.members().get(1).declaredType()).isEqualTo("List<" + Item.class.getName() + ">");
  }

  private static SerializerSchema pojo(Member... fields) {
    return new SerializerSchema(Kind.POJO, 1, Item.class.getName(), List.of(fields));
  }

  private static SerializerSchema basic(String type) {
    return new SerializerSchema(Kind.BASIC, 1, type, List.of());
  }
}
