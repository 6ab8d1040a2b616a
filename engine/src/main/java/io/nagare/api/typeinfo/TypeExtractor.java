package io.nagare.api.typeinfo;

import io.nagare.api.tuple.Tuple;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds type informations by reflection: from classes, from generic types, and from the signatures
 * of user functions (anonymous classes, named classes, lambdas and method references).
 *
 * <p>Where erasure hides part of a type (a lambda returning {@code Tuple2}, a {@code flatMap}
 * lambda's collector), the unknown parts become {@link GenericTypeInfo}: the job still runs, with
 * serializers that discover classes at run time. Stateless; safe from any thread.
 */
public final class TypeExtractor {
  private TypeExtractor() {}

  /** The type information of a class. */
  @SuppressWarnings("unchecked")
  public static <T> TypeInformation<T> createTypeInfo(Class<T> clazz) {
    return (TypeInformation<T>) createTypeInfo((Type) clazz);
  }

  /** The type information of a (possibly generic) Java type. */
  public static TypeInformation<?> createTypeInfo(Type type) {
    return analyse(type, new HashMap<>(), new ArrayList<>());
  }

  /**
   * Resolves type parameter {@code index} of {@code base} as bound by {@code subclass} (for
   * anonymous subclasses such as {@code new TypeHint<List<String>>() {}}).
   *
   * @throws IllegalArgumentException naming {@code what} if the parameter is not bound to a type
   */
  @SuppressWarnings("unchecked")
  public static <T> TypeInformation<T> typeOfSubclassParameter(Class<?> subclass, Class<?> base, int index, String what) {
    Map<TypeVariable<?>, Type> bindings = new HashMap<>();
    Type bound = resolveParameter(subclass, base, index, bindings);
    if (bound == null || bound instanceof TypeVariable) {
      throw new IllegalArgumentException("The type of " + what + " could not be determined: create it as an anonymous"
          + " subclass with a concrete type argument, e.g. new " + base.getSimpleName() + "<String>(...) {}, or pass"
          + " the type information explicitly.");
    }
    return (TypeInformation<T>) analyse(bound, bindings, new ArrayList<>());
  }

  /**
   * The type of a function's type parameter {@code index} of {@code functionType} (e.g. the output
   * parameter of {@code MapFunction}), or a {@link GenericTypeInfo} of Object if erasure hides it.
   *
   * @param function the user's function object (class instance or serialisable lambda)
   * @param functionType the function interface or abstract class it implements
   * @param index the type parameter of {@code functionType} to resolve
   * @param lambdaReturnsIt whether, for a lambda, the parameter is the lambda's return type (true for
   *     map, key selectors, reduce) or hidden in a collector (false for flatMap)
   */
  @SuppressWarnings("unchecked")
  public static <O> TypeInformation<O> getParameterType(
      Object function, Class<?> functionType, int index, boolean lambdaReturnsIt) {
    Class<?> fnClass = function.getClass();
    if (fnClass.isSynthetic() || fnClass.getName().contains("$$Lambda")) {
      if (!lambdaReturnsIt) {
        return (TypeInformation<O>) new GenericTypeInfo<>(Object.class);
      }
      return (TypeInformation<O>) createTypeInfo(lambdaReturnType(function));
    }
    Map<TypeVariable<?>, Type> bindings = new HashMap<>();
    Type bound = resolveParameter(fnClass, functionType, index, bindings);
    if (bound == null) {
      return (TypeInformation<O>) new GenericTypeInfo<>(Object.class);
    }
    return (TypeInformation<O>) analyse(bound, bindings, new ArrayList<>());
  }

  /** Explains why {@code clazz} is not analysed as a POJO (for error messages). */
  public static String whyNotPojo(Class<?> clazz) {
    if (!Modifier.isPublic(clazz.getModifiers())) {
      return "the class is not public";
    }
    if (clazz.isInterface() || Modifier.isAbstract(clazz.getModifiers())) {
      return "the class is abstract or an interface";
    }
    if (clazz.getEnclosingClass() != null && !Modifier.isStatic(clazz.getModifiers())) {
      return "it is a non-static inner class";
    }
    if (isJdkClass(clazz)) {
      return "it is a JDK class, whose state is not in its public fields and accessors";
    }
    Constructor<?> noArgs = null;
    for (Constructor<?> c : clazz.getDeclaredConstructors()) {
      if (c.getParameterCount() == 0) {
        noArgs = c;
      }
    }
    if (noArgs == null) {
      return "it has no no-argument constructor";
    }
    if (!Modifier.isPublic(noArgs.getModifiers())) {
      return "its no-argument constructor is not public";
    }
    for (Field f : instanceFields(clazz)) {
      if (!Modifier.isPublic(f.getModifiers()) && (getter(clazz, f) == null || setter(clazz, f) == null)) {
        return "field '" + f.getName() + "' is neither public nor has a getter and setter";
      }
    }
    return null;
  }

  private static boolean isJdkClass(Class<?> clazz) {
    String name = clazz.getName();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.");
  }

  /**
   * The generic return type of a lambda or method reference, from its {@link SerializedLambda}: the
   * implementation method's declared return type, or where that is a type variable or Object (a
   * generic method), the erased return type the lambda was instantiated with. Object if the lambda
   * is not serialisable.
   */
  private static Type lambdaReturnType(Object lambda) {
    SerializedLambda sl = serializedLambda(lambda);
    if (sl == null) {
      return Object.class;
    }
    ClassLoader loader = lambda.getClass().getClassLoader();
    Class<?> implClass = classForDescriptor("L" + sl.getImplClass() + ";", loader);
    Type declared = null;
    if (sl.getImplMethodName().equals("<init>")) {
      declared = implClass;
    } else {
      for (Method m : implClass.getDeclaredMethods()) {
        if (m.getName().equals(sl.getImplMethodName()) && descriptor(m).equals(sl.getImplMethodSignature())) {
          declared = m.getGenericReturnType();
        }
      }
    }
    if (declared != null && !(declared instanceof TypeVariable) && declared != Object.class) {
      return declared;
    }
    String instantiated = sl.getInstantiatedMethodType();
    return classForDescriptor(instantiated.substring(instantiated.indexOf(')') + 1), loader);
  }

  private static SerializedLambda serializedLambda(Object lambda) {
    if (!(lambda instanceof Serializable)) {
      return null;
    }
    for (Method m : lambda.getClass().getDeclaredMethods()) {
      if (m.getName().equals("writeReplace") && m.getParameterCount() == 0 && m.trySetAccessible()) {
        try {
          Object replacement = m.invoke(lambda);
          return replacement instanceof SerializedLambda ? (SerializedLambda) replacement : null;
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("Cannot inspect lambda " + lambda.getClass().getName(), e);
        }
      }
    }
    return null;
  }

  /** The class a JVM type descriptor ({@code J}, {@code [I}, {@code Ljava/lang/String;}) names. */
  private static Class<?> classForDescriptor(String descriptor, ClassLoader loader) {
    switch (descriptor.charAt(0)) {
      case 'Z': return boolean.class;
      case 'B': return byte.class;
      case 'S': return short.class;
      case 'C': return char.class;
      case 'I': return int.class;
      case 'J': return long.class;
      case 'F': return float.class;
      case 'D': return double.class;
      case 'V': return void.class;
      default: break;
    }
    String name = descriptor.charAt(0) == '['
        ? descriptor.replace('/', '.')
        : descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Class " + name + " of a lambda's signature cannot be loaded", e);
    }
  }

  private static String descriptor(Method m) {
    StringBuilder b = new StringBuilder("(");
    for (Class<?> p : m.getParameterTypes()) {
      b.append(descriptor(p));
    }
    return b.append(')').append(descriptor(m.getReturnType())).toString();
  }

  private static String descriptor(Class<?> c) {
    if (c.isArray()) {
      return c.getName().replace('.', '/');
    }
    if (c.isPrimitive()) {
      if (c == void.class) return "V";
      if (c == boolean.class) return "Z";
      if (c == long.class) return "J";
      return String.valueOf(Character.toUpperCase(c.getName().charAt(0)));
    }
    return "L" + c.getName().replace('.', '/') + ";";
  }

  /**
   * Walks from {@code type} up to {@code base}, binding type variables on the way into {@code
   * bindings}, and returns what parameter {@code index} of {@code base} is bound to (null if {@code
   * base} is not found). The result may still mention type variables bound in {@code bindings}.
   */
  private static Type resolveParameter(Type type, Class<?> base, int index, Map<TypeVariable<?>, Type> bindings) {
    Class<?> raw = rawClass(type);
    if (raw == null) {
      return null;
    }
    if (type instanceof ParameterizedType) {
      TypeVariable<?>[] vars = raw.getTypeParameters();
      Type[] args = ((ParameterizedType) type).getActualTypeArguments();
      for (int i = 0; i < vars.length; i++) {
        bindings.put(vars[i], substitute(args[i], bindings));
      }
    }
    if (raw == base) {
      return bindings.get(raw.getTypeParameters()[index]);
    }
    List<Type> supers = new ArrayList<>(List.of(raw.getGenericInterfaces()));
    if (raw.getGenericSuperclass() != null) {
      supers.add(0, raw.getGenericSuperclass());
    }
    for (Type s : supers) {
      Class<?> sRaw = rawClass(s);
      if (sRaw != null && base.isAssignableFrom(sRaw)) {
        return resolveParameter(s, base, index, bindings);
      }
    }
    return null;
  }

  private static Type substitute(Type t, Map<TypeVariable<?>, Type> bindings) {
    if (t instanceof TypeVariable && bindings.containsKey(t)) {
      return bindings.get(t);
    }
    return t;
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class) {
      return (Class<?>) t;
    }
    if (t instanceof ParameterizedType) {
      return (Class<?>) ((ParameterizedType) t).getRawType();
    }
    return null;
  }

  private static TypeInformation<?> analyse(Type type, Map<TypeVariable<?>, Type> bindings, List<Class<?>> visiting) {
    if (type instanceof TypeVariable) {
      Type bound = bindings.get(type);
      return bound == null ? new GenericTypeInfo<>(Object.class) : analyse(bound, bindings, visiting);
    }
    if (type instanceof WildcardType) {
      Type[] upper = ((WildcardType) type).getUpperBounds();
      return analyse(upper.length == 1 ? upper[0] : Object.class, bindings, visiting);
    }
    if (type instanceof GenericArrayType) {
      return ObjectArrayTypeInfo.of(analyse(((GenericArrayType) type).getGenericComponentType(), bindings, visiting));
    }
    if (type instanceof ParameterizedType) {
      ParameterizedType pt = (ParameterizedType) type;
      Class<?> raw = (Class<?>) pt.getRawType();
      Type[] args = pt.getActualTypeArguments();
      if (Tuple.class.isAssignableFrom(raw) && raw.getPackageName().equals(Tuple.class.getPackageName())) {
        TypeInformation<?>[] fields = new TypeInformation<?>[args.length];
        for (int i = 0; i < args.length; i++) {
          fields[i] = analyse(args[i], bindings, visiting);
        }
        return tupleInfo(raw, fields);
      }
      if (raw == List.class || raw == Collection.class || raw == ArrayList.class) {
        return new ListTypeInfo<>(analyse(args[0], bindings, visiting));
      }
      if (raw == Map.class || raw == HashMap.class) {
        return new MapTypeInfo<>(analyse(args[0], bindings, visiting), analyse(args[1], bindings, visiting));
      }
      Map<TypeVariable<?>, Type> inner = new HashMap<>(bindings);
      TypeVariable<?>[] vars = raw.getTypeParameters();
      for (int i = 0; i < vars.length; i++) {
        inner.put(vars[i], args[i] instanceof TypeVariable && bindings.containsKey(args[i]) ? bindings.get(args[i]) : args[i]);
      }
      return analyseClass(raw, inner, visiting);
    }
    return analyseClass((Class<?>) type, bindings, visiting);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeInformation<?> analyseClass(Class<?> clazz, Map<TypeVariable<?>, Type> bindings, List<Class<?>> visiting) {
    BasicTypeInfo<?> basic = BasicTypeInfo.forClass(clazz);
    if (basic != null) {
      return basic;
    }
    PrimitiveArrayTypeInfo<?> primitiveArray = PrimitiveArrayTypeInfo.forClass(clazz);
    if (primitiveArray != null) {
      return primitiveArray;
    }
    if (clazz.isArray()) {
      return ObjectArrayTypeInfo.of(analyseClass(clazz.getComponentType(), bindings, visiting));
    }
    if (clazz.isEnum()) {
      return new EnumTypeInfo(clazz);
    }
    if (Tuple.class.isAssignableFrom(clazz) && clazz.getPackageName().equals(Tuple.class.getPackageName())
        && clazz != Tuple.class) {
      int arity = Tuple.newInstance(arityOf(clazz)).getArity();
      TypeInformation<?>[] fields = new TypeInformation<?>[arity];
      TypeVariable<?>[] vars = clazz.getTypeParameters();
      for (int i = 0; i < arity; i++) {
        fields[i] = analyse(vars[i], bindings, visiting);
      }
      return tupleInfo(clazz, fields);
    }
    if (List.class == clazz || ArrayList.class == clazz) {
      return new ListTypeInfo<>(new GenericTypeInfo<>(Object.class));
    }
    if (Map.class == clazz || HashMap.class == clazz) {
      return new MapTypeInfo<>(new GenericTypeInfo<>(Object.class), new GenericTypeInfo<>(Object.class));
    }
    if (visiting.contains(clazz)) {
      return new GenericTypeInfo<>(clazz);
    }
    visiting.add(clazz);
    try {
      if (clazz.isRecord()) {
        List<PojoField> components = new ArrayList<>();
        for (RecordComponent rc : clazz.getRecordComponents()) {
          components.add(new PojoField(rc.getName(), analyse(rc.getGenericType(), bindings, visiting)));
        }
        return new RecordTypeInfo<>(clazz, components);
      }
      if (clazz != Object.class && !clazz.isInterface() && whyNotPojo(clazz) == null) {
        Map<TypeVariable<?>, Type> fieldBindings = withSuperclassBindings(clazz, bindings);
        List<PojoField> fields = new ArrayList<>();
        for (Field f : instanceFields(clazz)) {
          fields.add(new PojoField(f.getName(), analyse(f.getGenericType(), fieldBindings, visiting)));
        }
        fields.sort(Comparator.comparing(PojoField::getName));
        return new PojoTypeInfo<>(clazz, fields);
      }
      return new GenericTypeInfo<>(clazz);
    } finally {
      visiting.remove(clazz);
    }
  }

  /**
   * {@code bindings} plus what {@code clazz}'s superclasses' type parameters are bound to along the
   * way (for fields inherited from a generic base class, e.g. {@code T payload} in {@code Base<T>}).
   */
  private static Map<TypeVariable<?>, Type> withSuperclassBindings(Class<?> clazz, Map<TypeVariable<?>, Type> bindings) {
    Map<TypeVariable<?>, Type> all = new HashMap<>(bindings);
    for (Class<?> c = clazz; c != null && c != Object.class; c = c.getSuperclass()) {
      Type superclass = c.getGenericSuperclass();
      if (superclass instanceof ParameterizedType) {
        TypeVariable<?>[] vars = c.getSuperclass().getTypeParameters();
        Type[] args = ((ParameterizedType) superclass).getActualTypeArguments();
        for (int i = 0; i < vars.length; i++) {
          all.put(vars[i], substitute(args[i], all));
        }
      }
    }
    return all;
  }

  private static int arityOf(Class<?> tupleClass) {
    String n = tupleClass.getSimpleName().substring("Tuple".length());
    return Integer.parseInt(n);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeInformation<?> tupleInfo(Class<?> clazz, TypeInformation<?>[] fields) {
    return new TupleTypeInfo(clazz, fields);
  }

  /** The serialisable instance fields of {@code clazz} and its superclasses. */
  public static List<Field> instanceFields(Class<?> clazz) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = clazz; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m) && !Modifier.isTransient(m) && !f.isSynthetic()) {
          fields.add(f);
        }
      }
    }
    return fields;
  }

  /**
   * The public instance getter of {@code field} returning exactly its type, or null: {@code getX}
   * if there is one, else {@code isX}, else a record-style {@code x()}. Inherited methods count.
   */
  public static Method getter(Class<?> clazz, Field field) {
    String cap = capitalized(field.getName());
    List<String> names = List.of("get" + cap, "is" + cap, field.getName());
    Method best = null;
    int bestRank = names.size();
    for (Method m : clazz.getMethods()) {
      int rank = names.indexOf(m.getName());
      if (rank >= 0 && rank < bestRank && m.getParameterCount() == 0 && m.getReturnType() == field.getType()
          && !Modifier.isStatic(m.getModifiers())) {
        best = m;
        bestRank = rank;
      }
    }
    return best;
  }

  /** The public instance setter {@code setX} taking exactly {@code field}'s type, or null. Inherited methods count. */
  public static Method setter(Class<?> clazz, Field field) {
    String name = "set" + capitalized(field.getName());
    for (Method m : clazz.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == 1 && m.getParameterTypes()[0] == field.getType()
          && !Modifier.isStatic(m.getModifiers())) {
        return m;
      }
    }
    return null;
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
