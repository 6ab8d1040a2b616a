package io.nagare.state;

/**
 * The namespace of state that is not scoped to a window. A singleton with a fixed hash code, so
 * lookups of non-namespaced state hash the same in every JVM.
 */
public final class VoidNamespace {
  public static final VoidNamespace INSTANCE = new VoidNamespace();

  private VoidNamespace() {}

  @Override
  public boolean equals(Object o) {
    return o == this;
  }

  @Override
  public int hashCode() {
    return 99;
  }

  @Override
  public String toString() {
    return "VoidNamespace";
  }
}
