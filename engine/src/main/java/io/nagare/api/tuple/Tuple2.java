package io.nagare.api.tuple;

import java.util.Objects;

/**
 * A tuple of 2 fields with public fields, as in Flink: {@code Tuple2.of(f0, f1)}.
 */
public class Tuple2<T0, T1> extends Tuple {
  public T0 f0;
  public T1 f1;

  /** An empty tuple, for serializers and frameworks. */
  public Tuple2() {}

  public Tuple2(T0 f0, T1 f1) {
    this.f0 = f0;
    this.f1 = f1;
  }

  public static <T0, T1> Tuple2<T0, T1> of(T0 f0, T1 f1) {
    return new Tuple2<>(f0, f1);
  }

  @Override
  public int getArity() {
    return 2;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getField(int pos) {
    switch (pos) {
      case 0: return (T) f0;
      case 1: return (T) f1;
      default: throw badPosition(pos, 2);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> void setField(T value, int pos) {
    switch (pos) {
      case 0: f0 = (T0) value; break;
      case 1: f1 = (T1) value; break;
      default: throw badPosition(pos, 2);
    }
  }

  /** Sets all fields at once. */
  public void setFields(T0 f0, T1 f1) {
    this.f0 = f0;
    this.f1 = f1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Tuple2<T0, T1> copy() {
    return new Tuple2<>(f0, f1);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Tuple2)) {
      return false;
    }
    Tuple2<?, ?> t = (Tuple2<?, ?>) o;
    return Objects.equals(f0, t.f0) && Objects.equals(f1, t.f1);
  }

  @Override
  public int hashCode() {
    int h = Objects.hashCode(f0);
    h = 31 * h + Objects.hashCode(f1);
    return h;
  }

  @Override
  public String toString() {
    return "(" + f0 + "," + f1 + ")";
  }
}
