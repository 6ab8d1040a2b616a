package io.nagare.api.common;

/** An accumulator that sums ints. */
public final class IntCounter implements Accumulator<Integer, Integer> {
  private int value;

  public IntCounter() {}

  public IntCounter(int value) {
    this.value = value;
  }

  @Override
  public void add(Integer v) {
    value += v;
  }

  public void add(int v) {
    value += v;
  }

  @Override
  public Integer getLocalValue() {
    return value;
  }

  @Override
  public void resetLocal() {
    value = 0;
  }

  @Override
  public void merge(Accumulator<Integer, Integer> other) {
    value += other.getLocalValue();
  }

  @Override
  public IntCounter clone() {
    return new IntCounter(value);
  }

  @Override
  public String toString() {
    return "IntCounter " + value;
  }
}
