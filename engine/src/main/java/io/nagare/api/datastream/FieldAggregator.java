package io.nagare.api.datastream;

import io.nagare.api.functions.ReduceFunction;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The reduce function behind {@code sum}, {@code min}, {@code max}, {@code minBy} and {@code
 * maxBy}. {@code sum}, {@code min} and {@code max} keep the first element's other fields and
 * replace only the aggregated one; {@code minBy} and {@code maxBy} return a whole element (the
 * earlier one on ties), as in Flink.
 */
final class FieldAggregator<T> implements ReduceFunction<T> {
  enum Kind { SUM, MIN, MAX, MIN_BY, MAX_BY }

  private final Kind kind;
  private final FieldAccessor<T> field;

  FieldAggregator(Kind kind, FieldAccessor<T> field) {
    this.kind = kind;
    this.field = field;
  }

  @Override
  public T reduce(T current, T next) {
    Object a = field.get(current);
    Object b = field.get(next);
    switch (kind) {
      case SUM: return field.with(current, add(a, b));
      case MIN: return compare(b, a) < 0 ? field.with(current, b) : current;
      case MAX: return compare(b, a) > 0 ? field.with(current, b) : current;
      case MIN_BY: return compare(b, a) < 0 ? next : current;
      case MAX_BY: return compare(b, a) > 0 ? next : current;
      default: throw new IllegalStateException(kind.name());
    }
  }

  private Object add(Object a, Object b) {
    if (a instanceof Long) return (Long) a + (Long) b;
    if (a instanceof Integer) return (Integer) a + (Integer) b;
    if (a instanceof Double) return (Double) a + (Double) b;
    if (a instanceof Float) return (Float) a + (Float) b;
    if (a instanceof Short) return (short) ((Short) a + (Short) b);
    if (a instanceof Byte) return (byte) ((Byte) a + (Byte) b);
    if (a instanceof BigInteger) return ((BigInteger) a).add((BigInteger) b);
    if (a instanceof BigDecimal) return ((BigDecimal) a).add((BigDecimal) b);
    throw new IllegalArgumentException("Cannot sum " + field.describe() + " of type "
        + (a == null ? "null" : a.getClass().getName()) + ": it is not a number");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private int compare(Object a, Object b) {
    if (!(a instanceof Comparable)) {
      throw new IllegalArgumentException("Cannot compare " + field.describe() + " of type "
          + (a == null ? "null" : a.getClass().getName()) + ": it is not Comparable");
    }
    return ((Comparable) a).compareTo(b);
  }
}
