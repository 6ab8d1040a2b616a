package io.nagare.plan;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.transformations.PartitionerKind;
import io.nagare.api.typeinfo.TypeInformation;

/** A connection between two stream nodes: how records are partitioned and which output (main or side) feeds it. */
public final class StreamEdge {
  final StreamNode source;
  final StreamNode target;
  final PartitionerKind partitioner;
  final KeySelector<?, ?> keySelector;
  final OutputTag<?> outputTag;
  final TypeInformation<?> type;
  final int targetInput;

  StreamEdge(StreamNode source, StreamNode target, PartitionerKind partitioner, KeySelector<?, ?> keySelector,
      OutputTag<?> outputTag, TypeInformation<?> type, int targetInput) {
    this.source = source;
    this.target = target;
    this.partitioner = partitioner;
    this.keySelector = keySelector;
    this.outputTag = outputTag;
    this.type = type;
    this.targetInput = targetInput;
  }

  public StreamNode source() {
    return source;
  }

  public StreamNode target() {
    return target;
  }

  /** Which input of the target this edge feeds: 0, or 1 for the second input of a two-input operator. */
  public int targetInput() {
    return targetInput;
  }

  public PartitionerKind partitioner() {
    return partitioner;
  }

  @Override
  public String toString() {
    return source + " -[" + partitioner + (outputTag == null ? "" : ", " + outputTag.getId()) + "]-> " + target;
  }
}
