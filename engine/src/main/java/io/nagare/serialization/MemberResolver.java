package io.nagare.serialization;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.typeinfo.TypeExtractor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Resolves the method handles POJO and record serializers use: fields directly where the module
 * system allows it (public getters and setters otherwise), record accessors and canonical
 * constructors. Called once per serializer instance, lazily. Stateless.
 */
final class MemberResolver {
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private MemberResolver() {}

  /** One accessor per named field of {@code pojoClass}, in the order of {@code names}. */
  static MemberAccess[] pojoFields(Class<?> pojoClass, String[] names, TypeSerializer<Object>[] serializers) {
    MemberAccess[] members = new MemberAccess[names.length];
    for (int i = 0; i < names.length; i++) {
      Field field = findField(pojoClass, names[i]);
      try {
        if (field.trySetAccessible()) {
          members[i] = new MemberAccess(names[i], field.getType(), serializers[i],
              LOOKUP.unreflectGetter(field), LOOKUP.unreflectSetter(field));
        } else {
          members[i] = new MemberAccess(names[i], field.getType(), serializers[i],
              LOOKUP.unreflect(accessor(pojoClass, field, TypeExtractor.getter(pojoClass, field), "getter")),
              LOOKUP.unreflect(accessor(pojoClass, field, TypeExtractor.setter(pojoClass, field), "setter")));
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot access field '" + names[i] + "' of POJO " + pojoClass.getName(), e);
      }
    }
    return members;
  }

  private static Field findField(Class<?> pojoClass, String name) {
    for (Field f : TypeExtractor.instanceFields(pojoClass)) {
      if (f.getName().equals(name)) {
        return f;
      }
    }
    throw new IllegalStateException("POJO " + pojoClass.getName() + " has no field '" + name
        + "': the type information does not match the class");
  }

  private static Method accessor(Class<?> pojoClass, Field field, Method method, String kind) {
    if (method == null) {
      throw new IllegalStateException("Field '" + field.getName() + "' of POJO " + pojoClass.getName()
          + " is not accessible to nagare (module not open) and has no public " + kind);
    }
    return method;
  }

  /** The public no-argument constructor of {@code pojoClass}, as a handle {@code ()Object}. */
  static MethodHandle pojoConstructor(Class<?> pojoClass) {
    Constructor<?> constructor = null;
    for (Constructor<?> c : pojoClass.getConstructors()) {
      if (c.getParameterCount() == 0) {
        constructor = c;
      }
    }
    if (constructor == null) {
      throw new IllegalStateException("POJO " + pojoClass.getName() + " has no public no-argument constructor");
    }
    try {
      return LOOKUP.unreflectConstructor(constructor).asType(MethodType.methodType(Object.class));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot call the no-argument constructor of POJO " + pojoClass.getName(), e);
    }
  }

  /** A new {@code pojoClass} made by {@code constructor} (from {@link #pojoConstructor}). */
  @SuppressWarnings("unchecked")
  static <T> T newPojo(MethodHandle constructor, Class<T> pojoClass) {
    try {
      return (T) (Object) constructor.invokeExact();
    } catch (Throwable t) {
      throw Serializers.unchecked(t, "Creating a " + pojoClass.getName());
    }
  }

  /** One read-only accessor per component of {@code recordClass}, checked against {@code names}. */
  static MemberAccess[] recordComponents(Class<?> recordClass, String[] names, TypeSerializer<Object>[] serializers) {
    RecordComponent[] components = components(recordClass, names);
    MemberAccess[] members = new MemberAccess[components.length];
    for (int i = 0; i < components.length; i++) {
      Method accessor = components[i].getAccessor();
      accessor.trySetAccessible();
      try {
        members[i] = new MemberAccess(names[i], components[i].getType(), serializers[i], LOOKUP.unreflect(accessor), null);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot call accessor " + names[i] + "() of record " + recordClass.getName()
            + " (is its package open to nagare?)", e);
      }
    }
    return members;
  }

  /** The canonical constructor of {@code recordClass}, as a handle {@code (Object[])Object}. */
  static MethodHandle recordConstructor(Class<?> recordClass, String[] names) {
    RecordComponent[] components = components(recordClass, names);
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      Constructor<?> constructor = recordClass.getDeclaredConstructor(types);
      constructor.trySetAccessible();
      return LOOKUP.unreflectConstructor(constructor)
          .asSpreader(Object[].class, types.length)
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException("Cannot call the canonical constructor of record " + recordClass.getName()
          + " (is its package open to nagare?)", e);
    }
  }

  private static RecordComponent[] components(Class<?> recordClass, String[] names) {
    RecordComponent[] components = recordClass.getRecordComponents();
    if (components == null) {
      throw new IllegalStateException(recordClass.getName() + " is not a record");
    }
    boolean match = components.length == names.length;
    for (int i = 0; match && i < names.length; i++) {
      match = components[i].getName().equals(names[i]);
    }
    if (!match) {
      throw new IllegalStateException("Record " + recordClass.getName() + " does not have the components "
          + String.join(", ", names) + " in this order: the type information does not match the class");
    }
    return components;
  }
}
