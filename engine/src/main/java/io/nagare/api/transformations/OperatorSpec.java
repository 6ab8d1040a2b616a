package io.nagare.api.transformations;

import io.nagare.api.functions.Function;
import java.io.Serializable;

/**
 * What an operator does, without saying how: its kind, the user's function and any further
 * settings. The runtime maps each kind to its operator implementation; the spec is what ships to
 * the subtasks inside the plan (Java-serialised once, with the user's function).
 */
public final class OperatorSpec implements Serializable {
  /** The operator kinds of the DataStream API. */
  public enum Kind {
    MAP, FLAT_MAP, FILTER, PROCESS, KEYED_PROCESS, KEYED_REDUCE, SINK
  }

  private final Kind kind;
  private final Function function;

  public OperatorSpec(Kind kind, Function function) {
    this.kind = kind;
    this.function = function;
  }

  public Kind getKind() {
    return kind;
  }

  public Function getFunction() {
    return function;
  }

  @Override
  public String toString() {
    return kind + "(" + function.getClass().getName() + ")";
  }
}
