package io.nagare.api.tuple;

import java.io.Serializable;

/**
 * Base of the fixed-arity tuples {@code Tuple1} … {@code Tuple5}: mutable, with public fields
 * {@code f0}, {@code f1}, …, value equality and the string form {@code (a,b)}. Their fields must not
 * be null when they travel between subtasks or live in state.
 */
public abstract class Tuple implements Serializable {
  /** The largest arity with a tuple class. */
  public static final int MAX_ARITY = 5;

  public abstract int getArity();

  /** Field {@code pos} (0-based). */
  public abstract <T> T getField(int pos);

  public abstract <T> void setField(T value, int pos);

  /** A shallow copy: a new tuple holding the same field objects. */
  public abstract <T extends Tuple> T copy();

  /** The tuple class of the given arity. */
  public static Class<? extends Tuple> getTupleClass(int arity) {
    switch (arity) {
      case 1: return Tuple1.class;
      case 2: return Tuple2.class;
      case 3: return Tuple3.class;
      case 4: return Tuple4.class;
      case 5: return Tuple5.class;
      default: throw new IllegalArgumentException("No tuple class of arity " + arity + " (1.." + MAX_ARITY + ")");
    }
  }

  /** A new empty tuple of the given arity. */
  public static Tuple newInstance(int arity) {
    switch (arity) {
      case 1: return new Tuple1<>();
      case 2: return new Tuple2<>();
      case 3: return new Tuple3<>();
      case 4: return new Tuple4<>();
      case 5: return new Tuple5<>();
      default: throw new IllegalArgumentException("No tuple class of arity " + arity + " (1.." + MAX_ARITY + ")");
    }
  }

  protected static IndexOutOfBoundsException badPosition(int pos, int arity) {
    return new IndexOutOfBoundsException("Field " + pos + " of a tuple of arity " + arity);
  }
}
