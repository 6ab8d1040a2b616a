package io.nagare.api.datastream;

import io.nagare.api.tuple.Tuple;
import io.nagare.api.typeinfo.BasicTypeInfo;
import io.nagare.api.typeinfo.PojoField;
import io.nagare.api.typeinfo.PojoTypeInfo;
import io.nagare.api.typeinfo.RecordTypeInfo;
import io.nagare.api.typeinfo.TupleTypeInfo;
import io.nagare.api.typeinfo.TypeInformation;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;

/**
 * Reads and replaces one field of an element for the built-in aggregations ({@code sum}, {@code
 * min}, …): a tuple position, a POJO field, a record component, or the element itself if it is a
 * number. Setting never mutates its argument: it returns a copy with the field replaced.
 */
abstract class FieldAccessor<T> implements Serializable {

  abstract Object get(T element);

  abstract T with(T element, Object fieldValue);

  abstract String describe();

  static <T> FieldAccessor<T> of(TypeInformation<T> type, int position) {
    if (type instanceof TupleTypeInfo) {
      int arity = ((TupleTypeInfo<?>) type).getArity();
      if (position < 0 || position >= arity) {
        throw new IllegalArgumentException("Field position " + position + " is out of range for " + type);
      }
      return new TupleFieldAccessor<>(position);
    }
    if (type instanceof BasicTypeInfo && position == 0) {
      return new WholeElementAccessor<>();
    }
    if (type instanceof PojoTypeInfo || type instanceof RecordTypeInfo) {
      throw new IllegalArgumentException("Use a field name, not a position, to aggregate " + type);
    }
    throw new IllegalArgumentException("Cannot aggregate position " + position + " of " + type
        + ": positions apply to tuples, and 0 to a basic type");
  }

  static <T> FieldAccessor<T> of(TypeInformation<T> type, String field) {
    if (type instanceof PojoTypeInfo) {
      for (PojoField f : ((PojoTypeInfo<T>) type).getFields()) {
        if (f.getName().equals(field)) {
          return new PojoFieldAccessor<>(type.getTypeClass(), field);
        }
      }
    } else if (type instanceof RecordTypeInfo) {
      for (PojoField f : ((RecordTypeInfo<T>) type).getComponents()) {
        if (f.getName().equals(field)) {
          return new RecordComponentAccessor<>(type.getTypeClass(), field);
        }
      }
    } else if (type instanceof TupleTypeInfo && field.matches("f\\d+")) {
      return of(type, Integer.parseInt(field.substring(1)));
    } else if (type instanceof BasicTypeInfo && field.equals("*")) {
      return new WholeElementAccessor<>();
    }
    throw new IllegalArgumentException("No field '" + field + "' in " + type);
  }

  private static final class WholeElementAccessor<T> extends FieldAccessor<T> {
    @Override
    Object get(T element) {
      return element;
    }

    @Override
    @SuppressWarnings("unchecked")
    T with(T element, Object fieldValue) {
      return (T) fieldValue;
    }

    @Override
    String describe() {
      return "the element";
    }
  }

  private static final class TupleFieldAccessor<T> extends FieldAccessor<T> {
    private final int position;

    TupleFieldAccessor(int position) {
      this.position = position;
    }

    @Override
    Object get(T element) {
      return ((Tuple) element).getField(position);
    }

    @Override
    @SuppressWarnings("unchecked")
    T with(T element, Object fieldValue) {
      Tuple copy = ((Tuple) element).copy();
      copy.setField(fieldValue, position);
      return (T) copy;
    }

    @Override
    String describe() {
      return "tuple field f" + position;
    }
  }

  private static final class PojoFieldAccessor<T> extends FieldAccessor<T> {
    private final Class<T> clazz;
    private final String name;
    private transient Field field;

    PojoFieldAccessor(Class<T> clazz, String name) {
      this.clazz = clazz;
      this.name = name;
    }

    private Field field() {
      if (field == null) {
        for (Class<?> c = clazz; c != null && field == null; c = c.getSuperclass()) {
          for (Field f : c.getDeclaredFields()) {
            if (f.getName().equals(name)) {
              f.setAccessible(true);
              field = f;
            }
          }
        }
      }
      return field;
    }

    @Override
    Object get(T element) {
      try {
        return field().get(element);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot read field '" + name + "' of " + clazz.getName(), e);
      }
    }

    @Override
    T with(T element, Object fieldValue) {
      try {
        T copy = clazz.getConstructor().newInstance();
        for (Class<?> c = clazz; c != null && c != Object.class; c = c.getSuperclass()) {
          for (Field f : c.getDeclaredFields()) {
            if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
              f.setAccessible(true);
              f.set(copy, f.get(element));
            }
          }
        }
        field().set(copy, fieldValue);
        return copy;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot copy " + clazz.getName() + " to set field '" + name + "'", e);
      }
    }

    @Override
    String describe() {
      return "field '" + name + "'";
    }
  }

  private static final class RecordComponentAccessor<T> extends FieldAccessor<T> {
    private final Class<T> clazz;
    private final String name;

    RecordComponentAccessor(Class<T> clazz, String name) {
      this.clazz = clazz;
      this.name = name;
    }

    @Override
    Object get(T element) {
      try {
        for (RecordComponent rc : clazz.getRecordComponents()) {
          if (rc.getName().equals(name)) {
            rc.getAccessor().setAccessible(true);
            return rc.getAccessor().invoke(element);
          }
        }
        throw new IllegalStateException("No component '" + name + "' in " + clazz.getName());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot read component '" + name + "' of " + clazz.getName(), e);
      }
    }

    @Override
    T with(T element, Object fieldValue) {
      try {
        RecordComponent[] components = clazz.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
          types[i] = components[i].getType();
          components[i].getAccessor().setAccessible(true);
          args[i] = components[i].getName().equals(name) ? fieldValue : components[i].getAccessor().invoke(element);
        }
        Constructor<T> ctor = clazz.getDeclaredConstructor(types);
        ctor.setAccessible(true);
        return ctor.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot rebuild record " + clazz.getName() + " with component '" + name + "'", e);
      }
    }

    @Override
    String describe() {
      return "component '" + name + "'";
    }
  }
}
