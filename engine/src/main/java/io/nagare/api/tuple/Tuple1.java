package io.nagare.api.tuple;

import java.util.Objects;

/**
 * A tuple of 1 field with public fields, as in Flink: {@code Tuple1.of(f0)}.
 */
public class Tuple1<T0> extends Tuple {
  public T0 f0;

  /** An empty tuple, for serializers and frameworks. */
  public Tuple1() {}

  public Tuple1(T0 f0) {
    this.f0 = f0;
  }

  public static <T0> Tuple1<T0> of(T0 f0) {
    return new Tuple1<>(f0);
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getField(int pos) {
    switch (pos) {
      case 0: return (T) f0;
      default: throw badPosition(pos, 1);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> void setField(T value, int pos) {
    switch (pos) {
      case 0: f0 = (T0) value; break;
      default: throw badPosition(pos, 1);
    }
  }

  /** Sets all fields at once. */
  public void setFields(T0 f0) {
    this.f0 = f0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Tuple1<T0> copy() {
    return new Tuple1<>(f0);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Tuple1)) {
      return false;
    }
    Tuple1<?> t = (Tuple1<?>) o;
    return Objects.equals(f0, t.f0);
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(f0);
    return h;
  }

  @Override
  public String toString() {
    return "(" + f0 + ")";
  }
}
