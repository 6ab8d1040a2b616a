package io.nagare.api.transformations;

import io.nagare.api.functions.KeySelector;
import io.nagare.api.typeinfo.TypeInformation;
import java.util.List;

/** Changes how records are distributed to the next operator's subtasks; not an operator itself. */
public final class PartitionTransformation<T> extends Transformation<T> {
  private final Transformation<T> input;
  private final PartitionerKind partitioner;
  private final KeySelector<T, ?> keySelector;
  private final TypeInformation<?> keyType;

  public PartitionTransformation(Transformation<T> input, PartitionerKind partitioner) {
    this(input, partitioner, null, null);
  }

  public PartitionTransformation(Transformation<T> input, PartitionerKind partitioner, KeySelector<T, ?> keySelector,
      TypeInformation<?> keyType) {
    super("Partition(" + partitioner + ")", input.getOutputType(), input.getParallelism());
    this.input = input;
    this.partitioner = partitioner;
    this.keySelector = keySelector;
    this.keyType = keyType;
  }

  public Transformation<T> getInput() {
    return input;
  }

  public PartitionerKind getPartitioner() {
    return partitioner;
  }

  /** For {@link PartitionerKind#HASH}: the key selector; else null. */
  public KeySelector<T, ?> getKeySelector() {
    return keySelector;
  }

  public TypeInformation<?> getKeyType() {
    return keyType;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input);
  }
}
