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
    MAP, FLAT_MAP, FILTER, PROCESS, KEYED_PROCESS, KEYED_REDUCE, SINK,
    /** Assigns timestamps and generates watermarks; the settings are the {@code WatermarkStrategy}. */
    TIMESTAMPS_AND_WATERMARKS,
    /** Two inputs: connected streams, interval joins, broadcast connections. */
    CO_MAP, CO_FLAT_MAP, CO_PROCESS, KEYED_CO_PROCESS, INTERVAL_JOIN, BROADCAST_PROCESS, KEYED_BROADCAST_PROCESS,
    /** A keyed window; the function is a {@code ProcessWindowFunction}, the settings a {@link WindowSettings}. */
    WINDOW,
    /**
     * An operator written against the public operator API; the settings are its {@code
     * OneInputStreamOperatorFactory}. New operator kinds come this way, not as new constants here.
     */
    CUSTOM
  }

  private final Kind kind;
  private final Function function;
  private final Serializable settings;

  public OperatorSpec(Kind kind, Function function) {
    this(kind, function, null);
  }

  /**
   * @param function the user's function, or null for kinds driven by settings alone
   * @param settings what else the operator needs (a watermark strategy, window settings), or null
   */
  public OperatorSpec(Kind kind, Function function, Serializable settings) {
    this.kind = kind;
    this.function = function;
    this.settings = settings;
  }

  public Kind getKind() {
    return kind;
  }

  public Function getFunction() {
    return function;
  }

  public Serializable getSettings() {
    return settings;
  }

  @Override
  public String toString() {
    return kind + "(" + (function != null ? function : settings).getClass().getName() + ")";
  }
}
