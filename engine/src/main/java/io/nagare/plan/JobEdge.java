package io.nagare.plan;

import io.nagare.api.transformations.PartitionerKind;
import io.nagare.api.typeinfo.TypeInformation;
import java.io.Serializable;

/**
 * A network connection between two job vertices: records of {@code type} from the producing
 * vertex's subtasks to the consuming vertex's, distributed by {@code partitioner} ({@code HASH}
 * with a serialized key selector and the consumer's max parallelism).
 */
public final class JobEdge implements Serializable {
  private final int index;
  private final int sourceVertex;
  private final int targetVertex;
  private final int targetInput;
  private final PartitionerKind partitioner;
  private final byte[] keySelector;
  private final TypeInformation<?> type;

  JobEdge(int index, int sourceVertex, int targetVertex, int targetInput, PartitionerKind partitioner,
      byte[] keySelector, TypeInformation<?> type) {
    this.index = index;
    this.sourceVertex = sourceVertex;
    this.targetVertex = targetVertex;
    this.targetInput = targetInput;
    this.partitioner = partitioner;
    this.keySelector = keySelector;
    this.type = type;
  }

  /** Index within the job graph's edges. */
  public int index() {
    return index;
  }

  public int sourceVertex() {
    return sourceVertex;
  }

  public int targetVertex() {
    return targetVertex;
  }

  /** Which logical input of the target's head operator this edge feeds (0 for one-input operators). */
  public int targetInput() {
    return targetInput;
  }

  public PartitionerKind partitioner() {
    return partitioner;
  }

  public byte[] keySelector() {
    return keySelector;
  }

  public TypeInformation<?> type() {
    return type;
  }

  @Override
  public String toString() {
    return "JobEdge#" + index + "(" + sourceVertex + " -" + partitioner + "-> " + targetVertex + ")";
  }
}
