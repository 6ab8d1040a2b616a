package io.nagare.plan;

import io.nagare.api.typeinfo.TypeInformation;
import java.io.Serializable;
import java.util.List;

/**
 * One operator inside a job vertex's chain: its identity, its serialized user code, its types, and
 * where its outputs go (to operators later in the same chain, or to job edges).
 */
public final class OperatorConfig implements Serializable {
  private final int nodeId;
  private final String name;
  private final String operatorId;
  private final boolean source;
  private final byte[] payload;
  private final byte[] keySelector;
  private final byte[] keySelector2;
  private final TypeInformation<?> inputType;
  private final TypeInformation<?> inputType2;
  private final TypeInformation<?> outputType;
  private final TypeInformation<?> keyType;
  private final int maxParallelism;
  private final boolean maxParallelismExplicit;
  private final List<ChainedOutput> chainedOutputs;
  private final List<NetworkOutput> networkOutputs;

  OperatorConfig(int nodeId, String name, String operatorId, boolean source, byte[] payload, byte[] keySelector,
      byte[] keySelector2, TypeInformation<?> inputType, TypeInformation<?> inputType2, TypeInformation<?> outputType,
      TypeInformation<?> keyType, int maxParallelism, boolean maxParallelismExplicit,
      List<ChainedOutput> chainedOutputs, List<NetworkOutput> networkOutputs) {
    this.nodeId = nodeId;
    this.name = name;
    this.operatorId = operatorId;
    this.source = source;
    this.payload = payload;
    this.keySelector = keySelector;
    this.keySelector2 = keySelector2;
    this.inputType = inputType;
    this.inputType2 = inputType2;
    this.outputType = outputType;
    this.keyType = keyType;
    this.maxParallelism = maxParallelism;
    this.maxParallelismExplicit = maxParallelismExplicit;
    this.chainedOutputs = List.copyOf(chainedOutputs);
    this.networkOutputs = List.copyOf(networkOutputs);
  }

  public int nodeId() {
    return nodeId;
  }

  public String name() {
    return name;
  }

  /** Stable id for mapping state: the user's uid, or one derived from the graph's shape. */
  public String operatorId() {
    return operatorId;
  }

  public boolean isSource() {
    return source;
  }

  /** The Java-serialized {@link SourcePayload} (sources) or {@link io.nagare.api.transformations.OperatorSpec}. */
  public byte[] payload() {
    return payload;
  }

  /** The Java-serialized state key selector, or null if the operator is not keyed. */
  public byte[] keySelector() {
    return keySelector;
  }

  /** The Java-serialized key selector of the second input (keyed two-input operators), or null. */
  public byte[] keySelector2() {
    return keySelector2;
  }

  /** The type of the second input, or null for operators with one input. */
  public TypeInformation<?> inputType2() {
    return inputType2;
  }

  public boolean isTwoInput() {
    return inputType2 != null;
  }

  public boolean isKeyed() {
    return keySelector != null;
  }

  public TypeInformation<?> inputType() {
    return inputType;
  }

  public TypeInformation<?> outputType() {
    return outputType;
  }

  public TypeInformation<?> keyType() {
    return keyType;
  }

  /**
   * The max parallelism (number of key groups) the job was built with. A restored operator with
   * keyed state may run with its checkpoint's instead: see {@code RestoredMaxParallelism}.
   */
  public int maxParallelism() {
    return maxParallelism;
  }

  /** True if the user set the max parallelism; false if it was derived from the parallelism. */
  public boolean isMaxParallelismExplicit() {
    return maxParallelismExplicit;
  }

  public List<ChainedOutput> chainedOutputs() {
    return chainedOutputs;
  }

  public List<NetworkOutput> networkOutputs() {
    return networkOutputs;
  }

  @Override
  public String toString() {
    return name + "[" + operatorId + "]";
  }

  /** An output to operator {@code targetIndex} of the same chain; {@code tagId} null for the main output. */
  public static final class ChainedOutput implements Serializable {
    private final int targetIndex;
    private final String tagId;

    ChainedOutput(int targetIndex, String tagId) {
      this.targetIndex = targetIndex;
      this.tagId = tagId;
    }

    public int targetIndex() {
      return targetIndex;
    }

    public String tagId() {
      return tagId;
    }
  }

  /** An output to job edge {@code edgeIndex} of the vertex; {@code tagId} null for the main output. */
  public static final class NetworkOutput implements Serializable {
    private final int edgeIndex;
    private final String tagId;

    NetworkOutput(int edgeIndex, String tagId) {
      this.edgeIndex = edgeIndex;
      this.tagId = tagId;
    }

    public int edgeIndex() {
      return edgeIndex;
    }

    public String tagId() {
      return tagId;
    }
  }
}
