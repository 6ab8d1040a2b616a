package io.nagare.plan;

import io.nagare.api.functions.KeySelector;
import io.nagare.api.transformations.ChainingStrategy;
import io.nagare.api.typeinfo.TypeInformation;
import java.util.ArrayList;
import java.util.List;

/**
 * One operator (or source) of the stream graph with its resolved settings. Built and read on the
 * thread that builds the plan.
 */
public final class StreamNode {
  /** What the node is. */
  public enum Kind { SOURCE, OPERATOR }

  final int id;
  final Kind kind;
  final String name;
  final String uid;
  final int parallelism;
  final int maxParallelism;
  /** Whether the user set the max parallelism (on the operator or the job) rather than leaving it derived. */
  final boolean maxParallelismExplicit;
  final ChainingStrategy chainingStrategy;
  final java.io.Serializable payload;
  final TypeInformation<?> inputType;
  final TypeInformation<?> outputType;
  final KeySelector<?, ?> stateKeySelector;
  final TypeInformation<?> stateKeyType;
  /** Set for two-input operators only. */
  TypeInformation<?> inputType2;
  KeySelector<?, ?> stateKeySelector2;
  final List<StreamEdge> inEdges = new ArrayList<>();
  final List<StreamEdge> outEdges = new ArrayList<>();

  StreamNode(int id, Kind kind, String name, String uid, int parallelism, int maxParallelism,
      boolean maxParallelismExplicit, ChainingStrategy chainingStrategy, java.io.Serializable payload,
      TypeInformation<?> inputType, TypeInformation<?> outputType, KeySelector<?, ?> stateKeySelector,
      TypeInformation<?> stateKeyType) {
    this.id = id;
    this.kind = kind;
    this.name = name;
    this.uid = uid;
    this.parallelism = parallelism;
    this.maxParallelism = maxParallelism;
    this.maxParallelismExplicit = maxParallelismExplicit;
    this.chainingStrategy = chainingStrategy;
    this.payload = payload;
    this.inputType = inputType;
    this.outputType = outputType;
    this.stateKeySelector = stateKeySelector;
    this.stateKeyType = stateKeyType;
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public int parallelism() {
    return parallelism;
  }

  /** Whether the operator has two logical inputs (it then always starts a chain). */
  public boolean isTwoInput() {
    return inputType2 != null;
  }

  public List<StreamEdge> inEdges() {
    return inEdges;
  }

  public List<StreamEdge> outEdges() {
    return outEdges;
  }

  @Override
  public String toString() {
    return name + "#" + id + "(p=" + parallelism + ")";
  }
}
