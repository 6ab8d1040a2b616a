package io.nagare.api.transformations;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.assigners.WindowAssigner;
import io.nagare.api.windowing.evictors.Evictor;
import io.nagare.api.windowing.triggers.Trigger;
import java.io.Serializable;

/**
 * Everything a window operator needs besides its window function: how elements are assigned to
 * windows, when windows fire, what is evicted, how late elements may be, and how a window's
 * contents are kept — one running reduction, one aggregate accumulator, or the list of elements
 * (for {@code process} and for evictors).
 */
public final class WindowSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How a window's contents are kept. */
  public enum Contents { REDUCE, AGGREGATE, LIST }

  private final WindowAssigner<?, ?> assigner;
  private final Trigger<?, ?> trigger;
  private final Evictor<?, ?> evictor;
  private final long allowedLateness;
  private final OutputTag<?> lateDataTag;
  private final Contents contents;
  private final ReduceFunction<?> reduceFunction;
  private final AggregateFunction<?, ?, ?> aggregateFunction;
  private final TypeInformation<?> stateType;

  public WindowSettings(WindowAssigner<?, ?> assigner, Trigger<?, ?> trigger, Evictor<?, ?> evictor,
      long allowedLateness, OutputTag<?> lateDataTag, Contents contents, ReduceFunction<?> reduceFunction,
      AggregateFunction<?, ?, ?> aggregateFunction, TypeInformation<?> stateType) {
    this.assigner = assigner;
    this.trigger = trigger;
    this.evictor = evictor;
    this.allowedLateness = allowedLateness;
    this.lateDataTag = lateDataTag;
    this.contents = contents;
    this.reduceFunction = reduceFunction;
    this.aggregateFunction = aggregateFunction;
    this.stateType = stateType;
  }

  public WindowAssigner<?, ?> assigner() {
    return assigner;
  }

  public Trigger<?, ?> trigger() {
    return trigger;
  }

  /** The evictor, or null. */
  public Evictor<?, ?> evictor() {
    return evictor;
  }

  public long allowedLateness() {
    return allowedLateness;
  }

  /** Where elements too late for any window go, or null to drop (and count) them. */
  public OutputTag<?> lateDataTag() {
    return lateDataTag;
  }

  public Contents contents() {
    return contents;
  }

  public ReduceFunction<?> reduceFunction() {
    return reduceFunction;
  }

  public AggregateFunction<?, ?, ?> aggregateFunction() {
    return aggregateFunction;
  }

  /** The type kept in window state: the element type (reduce, list) or the accumulator type (aggregate). */
  public TypeInformation<?> stateType() {
    return stateType;
  }
}
