package io.nagare.serialization.schema;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.serialization.ListSerializer;
import io.nagare.serialization.MapSerializer;
import io.nagare.serialization.NullableSerializer;
import io.nagare.serialization.ObjectArraySerializer;
import io.nagare.serialization.PojoSerializer;
import io.nagare.serialization.RecordSerializer;
import io.nagare.serialization.TupleSerializer;
import io.nagare.serialization.schema.SerializerSchema.Kind;
import io.nagare.serialization.schema.SerializerSchema.Member;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges restored data against the serializer a job has now, from the data's {@link
 * SerializerSchema}:
 *
 * <ul>
 *   <li><b>compatible as is</b>: the same shape (a primitive field and its boxed type count as the
 *       same, as their bytes are);
 *   <li><b>compatible after migration</b>: POJO fields or record components added, removed or
 *       reordered, at any depth (inside tuples, lists, maps, arrays and other POJOs): the data is
 *       read in its own shape and turned into values of the present one (new fields get what the
 *       constructor gives them, null or zero for records; removed fields are dropped);
 *   <li><b>incompatible</b>: anything else, such as a field whose type changed, another class, a
 *       tuple of another arity, a Kryo-serialized class whose fields changed (Kryo's field
 *       serializer writes no field names, so it cannot tell), a kind format written by a later
 *       version. The exception names the field path and both types.
 * </ul>
 *
 * Stateless.
 */
public final class SchemaResolver {
  private static final String ROOT = "the value";

  private SchemaResolver() {}

  /**
   * How to read data written with {@code written} so that it becomes values of {@code present}.
   *
   * @throws IncompatibleSchemaException naming the difference if it cannot be read
   */
  public static <T> Resolution<T> resolve(SerializerSchema written, TypeSerializer<T> present)
      throws IncompatibleSchemaException {
    return resolve(written, present, ROOT);
  }

  /**
   * Like {@link #resolve(SerializerSchema, TypeSerializer)}, calling the value {@code what} in
   * messages ({@code "the key"}).
   */
  public static <T> Resolution<T> resolve(SerializerSchema written, TypeSerializer<T> present, String what)
      throws IncompatibleSchemaException {
    SerializerSchema now = SerializerSchemas.of(present);
    return resolve(written, written.describe(), now.describe(), present, what);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T> Resolution<T> resolve(SerializerSchema written, String writtenType, String presentType,
      TypeSerializer<T> present, String path) throws IncompatibleSchemaException {
    TypeSerializer<T> serializer = present instanceof NullableSerializer<T> n ? n.getInner() : present;
    SerializerSchema now = SerializerSchemas.of(serializer);
    if (written.equals(now)) {
      return Resolution.asIs(present);
    }
    if (written.kind() != now.kind() || !written.type().equals(now.type()) && written.kind() != Kind.TUPLE) {
      throw changed(path, writtenType, presentType);
    }
    if (written.version() > now.version()) {
      throw new IncompatibleSchemaException(path + " was written in version " + written.version() + " of the "
          + written.kind() + " format, by a later version of nagare; this version reads up to " + now.version());
    }
    switch (written.kind()) {
      case POJO: {
        PojoSerializer<T> pojo = (PojoSerializer<T>) serializer;
        Members members = members(written, now, pojo.getFieldNames(), pojo.getFieldSerializers(), path, "field");
        return members.migrates ? new Resolution<>(pojo.readerOf(members.names, members.readers), true)
            : Resolution.asIs(present);
      }
      case RECORD: {
        RecordSerializer<T> record = (RecordSerializer<T>) serializer;
        Members members = members(written, now, record.getComponentNames(), record.getComponentSerializers(), path,
            "component");
        return members.migrates ? new Resolution<>(record.readerOf(members.names, members.readers), true)
            : Resolution.asIs(present);
      }
      case TUPLE: {
        if (written.members().size() != now.members().size()) {
          throw changed(path, writtenType, presentType);
        }
        TypeSerializer<Object>[] fields = ((TupleSerializer) serializer).getFieldSerializers();
        TypeSerializer<Object>[] readers = new TypeSerializer[fields.length];
        boolean migrates = false;
        for (int i = 0; i < fields.length; i++) {
          Resolution<Object> r = child(written, now, i, fields[i], sub(path, "field f" + i));
          readers[i] = r.reader();
          migrates |= r.migrates();
        }
        return migrates ? new Resolution<>((TypeSerializer<T>) new TupleSerializer(readers), true)
            : Resolution.asIs(present);
      }
      case LIST: {
        Resolution<Object> element = child(written, now, 0, ((ListSerializer) serializer).getElementSerializer(),
            sub(path, "element"));
        return element.migrates() ? new Resolution<>((TypeSerializer<T>) new ListSerializer(element.reader()), true)
            : Resolution.asIs(present);
      }
      case MAP: {
        MapSerializer map = (MapSerializer) serializer;
        Resolution<Object> key = child(written, now, 0, map.getKeySerializer(), sub(path, "key"));
        Resolution<Object> value = child(written, now, 1, map.getValueSerializer(), sub(path, "value"));
        return key.migrates() || value.migrates()
            ? new Resolution<>((TypeSerializer<T>) new MapSerializer(key.reader(), value.reader()), true)
            : Resolution.asIs(present);
      }
      case ARRAY: {
        ObjectArraySerializer array = (ObjectArraySerializer) serializer;
        Resolution<Object> element = child(written, now, 0, array.getElementSerializer(), sub(path, "element"));
        return element.migrates()
            ? new Resolution<>((TypeSerializer<T>) new ObjectArraySerializer(array.getComponentClass(), element.reader()),
                true)
            : Resolution.asIs(present);
      }
      case KRYO:
        throw kryoChanged(written, now, path);
      case BASIC:
      case ENUM:
      case CUSTOM:
      default:
        return Resolution.asIs(present);
    }
  }

  private static Resolution<Object> child(SerializerSchema written, SerializerSchema now, int index,
      TypeSerializer<Object> present, String path) throws IncompatibleSchemaException {
    Member before = written.members().get(index);
    Member after = now.members().get(index);
    return resolve(before.schema(), before.declaredType(), after.declaredType(), present, path);
  }

  /** The readers of the written fields of a POJO or record, in the data's order. */
  private record Members(String[] names, TypeSerializer<Object>[] readers, boolean migrates) {}

  @SuppressWarnings("unchecked")
  private static Members members(SerializerSchema written, SerializerSchema now, String[] presentNames,
      TypeSerializer<Object>[] presentSerializers, String path, String noun) throws IncompatibleSchemaException {
    List<Member> before = written.members();
    String[] names = new String[before.size()];
    TypeSerializer<Object>[] readers = new TypeSerializer[before.size()];
    boolean migrates = before.size() != presentNames.length;
    List<String> present = List.of(presentNames);
    for (int i = 0; i < names.length; i++) {
      Member m = before.get(i);
      names[i] = m.name();
      int j = present.indexOf(m.name());
      String where = sub(path, noun + " '" + m.name() + "'");
      if (j < 0) {
        migrates = true;
        try {
          readers[i] = SkippingReader.of(m.schema());
        } catch (IllegalArgumentException e) {
          throw new IncompatibleSchemaException(where + " was removed, and " + e.getMessage());
        }
        continue;
      }
      migrates |= j != i;
      Resolution<Object> r = resolve(m.schema(), m.declaredType(), now.member(m.name()).declaredType(),
          presentSerializers[j], where);
      readers[i] = r.reader();
      migrates |= r.migrates();
    }
    return new Members(names, readers, migrates);
  }

  private static String sub(String path, String member) {
    return path.equals(ROOT) ? member : path + ", " + member;
  }

  private static IncompatibleSchemaException changed(String path, String before, String after) {
    return new IncompatibleSchemaException(path + " changed from " + before + " to " + after);
  }

  private static IncompatibleSchemaException kryoChanged(SerializerSchema written, SerializerSchema now,
      String path) {
    Member config = written.member("@kryo");
    Member present = now.member("@kryo");
    if (config != null && present != null && !config.declaredType().equals(present.declaredType())) {
      return new IncompatibleSchemaException(path + " (" + written.type() + ", serialised by Kryo) was written with"
          + " the Kryo configuration [" + config.declaredType() + "], now [" + present.declaredType() + "]");
    }
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (Member m : written.members()) {
      Member after = now.member(m.name());
      if (after == null) {
        removed.add(m.name() + " (" + m.declaredType() + ")");
      } else if (!after.declaredType().equals(m.declaredType())) {
        removed.add(m.name() + " (" + m.declaredType() + ")");
        added.add(after.name() + " (" + after.declaredType() + ")");
      }
    }
    for (Member m : now.members()) {
      if (written.member(m.name()) == null) {
        added.add(m.name() + " (" + m.declaredType() + ")");
      }
    }
    return new IncompatibleSchemaException(path + " of class " + written.type() + ", serialised by Kryo, changed"
        + " shape (fields removed or changed: " + (removed.isEmpty() ? "none" : String.join(", ", removed))
        + "; added or changed: " + (added.isEmpty() ? "none" : String.join(", ", added)) + "); Kryo's field"
        + " serializer cannot read the earlier shape. Keep the class as it was, or give it a POJO shape (public"
        + " no-argument constructor, public or accessible fields) before taking the savepoint");
  }
}
