package io.nagare.serialization.schema;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A serializer snapshot: how values of one state were serialised, kept beside the state in a
 * checkpoint so that a restore can judge whether the serializer it has now reads them ({@link
 * SchemaResolver}). A tree of nodes, each a serializer's {@link Kind}, the version of that kind's
 * format, the type it writes and its members:
 *
 * <ul>
 *   <li>{@code BASIC} (String, boxed primitives, BigInteger, BigDecimal, Void, primitive arrays):
 *       the type only;
 *   <li>{@code POJO}, {@code RECORD}: the class, and its fields (components) in the order they are
 *       written, each with its name, declared Java type and snapshot;
 *   <li>{@code TUPLE}: the fields' snapshots ({@code f0}, …); {@code LIST}: the element's; {@code
 *       MAP}: the key's and the value's; {@code ARRAY}: the component class and the element's;
 *   <li>{@code ENUM}: the enum class (constants are written by name);
 *   <li>{@code KRYO} (the fallback for generic types): the declared class, the Kryo configuration
 *       as the member {@code @kryo}, and the class's instance fields as members without snapshots
 *       (what Kryo's field serializer writes);
 *   <li>{@code CUSTOM} (any other serializer, such as a window's namespace serializer): the
 *       serializer's class.
 * </ul>
 *
 * <p>Format: UTF kind, int version, UTF type, int members, per member: UTF name, UTF declared type,
 * boolean has-snapshot, the member's snapshot. Immutable.
 *
 * @param kind the serializer's kind
 * @param version the version of that kind's format
 * @param type the class written (for {@code CUSTOM} the serializer's class)
 * @param members the fields, components, elements or keys and values, in format order
 */
public record SerializerSchema(Kind kind, int version, String type, List<Member> members) {

  /** The kinds of serializer a snapshot tells apart. */
  public enum Kind { BASIC, POJO, RECORD, TUPLE, LIST, MAP, ARRAY, ENUM, KRYO, CUSTOM }

  /**
   * One member of a composite serializer.
   *
   * @param name the field or component name ({@code f0} for tuples, {@code element}, {@code key},
   *     {@code value})
   * @param declaredType the member's declared Java type, for messages ({@code int}, {@code
   *     java.util.List<Item>})
   * @param schema the member's serializer snapshot; null for what Kryo writes of a class
   */
  public record Member(String name, String declaredType, SerializerSchema schema) {
    public Member {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(declaredType, "declaredType");
    }
  }

  public SerializerSchema {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(type, "type");
    members = List.copyOf(members);
  }

  /** The member named {@code name}, or null. */
  public Member member(String name) {
    for (Member m : members) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }

  /** Writes this snapshot in the format above. */
  public void write(DataOutputView out) throws IOException {
    out.writeUTF(kind.name());
    out.writeInt(version);
    out.writeUTF(type);
    out.writeInt(members.size());
    for (Member m : members) {
      out.writeUTF(m.name());
      out.writeUTF(m.declaredType());
      out.writeBoolean(m.schema() != null);
      if (m.schema() != null) {
        m.schema().write(out);
      }
    }
  }

  /**
   * Reads a snapshot written by {@link #write}.
   *
   * @throws IOException if it names a kind this version does not know (written by a later version)
   */
  public static SerializerSchema read(DataInputView in) throws IOException {
    String kindName = in.readUTF();
    Kind kind;
    try {
      kind = Kind.valueOf(kindName);
    } catch (IllegalArgumentException e) {
      throw new IOException("Serializer snapshot of unknown kind '" + kindName + "': written by a later version of"
          + " nagare, which this version cannot restore", e);
    }
    int version = in.readInt();
    String type = in.readUTF();
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("Corrupt serializer snapshot: " + count + " members");
    }
    List<Member> members = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      String declared = in.readUTF();
      members.add(new Member(name, declared, in.readBoolean() ? read(in) : null));
    }
    return new SerializerSchema(kind, version, type, members);
  }

  /** The type as messages show it: the declared type name of a basic or class-based kind. */
  public String describe() {
    return switch (kind) {
      case BASIC, ENUM, POJO, RECORD -> type;
      case KRYO -> type + " (serialised by Kryo)";
      case TUPLE -> "Tuple" + members.size();
      case LIST -> "List<" + members.get(0).declaredType() + ">";
      case MAP -> "Map<" + members.get(0).declaredType() + ", " + members.get(1).declaredType() + ">";
      case ARRAY -> type + "[]";
      case CUSTOM -> "a value of serializer " + type;
    };
  }
}
