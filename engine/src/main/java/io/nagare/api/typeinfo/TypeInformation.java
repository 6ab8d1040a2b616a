package io.nagare.api.typeinfo;

import java.io.Serializable;

/**
 * Describes the type of a stream's elements or of a state's values, so the runtime can pick a fast
 * serializer for it. Most types are found automatically from a function's signature; where Java's
 * type erasure hides them (lambdas returning generic types), give them with {@code returns(...)}:
 *
 * <pre>{@code
 * stream.map(i -> Tuple2.of(i % 10, i)).returns(Types.TUPLE(Types.LONG, Types.LONG));
 * stream.map(i -> List.of(i)).returns(new TypeHint<List<Long>>() {});
 * }</pre>
 *
 * Type informations are immutable value objects.
 *
 * @param <T> the described type
 */
public abstract class TypeInformation<T> implements Serializable {

  /** The (raw) class of the described type. */
  public abstract Class<T> getTypeClass();

  /** The type of {@code type}, extracted by reflection. */
  public static <T> TypeInformation<T> of(Class<T> type) {
    return TypeExtractor.createTypeInfo(type);
  }

  /** The full generic type captured by an anonymous {@link TypeHint} subclass. */
  public static <T> TypeInformation<T> of(TypeHint<T> hint) {
    return hint.getTypeInfo();
  }

  /**
   * Whether the type was only partly known: its serializer has to discover classes at run time
   * (slower, but correct). Giving the type with {@code returns(...)} avoids it.
   */
  public boolean isGeneric() {
    return false;
  }

  @Override
  public abstract boolean equals(Object o);

  @Override
  public abstract int hashCode();

  @Override
  public abstract String toString();
}
