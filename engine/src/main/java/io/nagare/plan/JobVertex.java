package io.nagare.plan;

import java.io.Serializable;
import java.util.List;

/**
 * A chain of operators that runs as one task per parallel subtask, in one thread. The first
 * operator is the head (a source, or the one receiving the vertex's input edges).
 */
public final class JobVertex implements Serializable {
  private final int id;
  private final String name;
  private final int parallelism;
  private final int maxParallelism;
  private final List<OperatorConfig> operators;
  private final List<Integer> inputEdges;
  private final List<Integer> outputEdges;

  JobVertex(int id, String name, int parallelism, int maxParallelism, List<OperatorConfig> operators,
      List<Integer> inputEdges, List<Integer> outputEdges) {
    this.id = id;
    this.name = name;
    this.parallelism = parallelism;
    this.maxParallelism = maxParallelism;
    this.operators = List.copyOf(operators);
    this.inputEdges = List.copyOf(inputEdges);
    this.outputEdges = List.copyOf(outputEdges);
  }

  public int id() {
    return id;
  }

  /** The chain's name: its operators' names joined by " -> ". */
  public String name() {
    return name;
  }

  public int parallelism() {
    return parallelism;
  }

  /** The head operator's max parallelism: the number of key groups its keyed state is split into. */
  public int maxParallelism() {
    return maxParallelism;
  }

  /** The chained operators, head first; every operator's chained targets come after it. */
  public List<OperatorConfig> operators() {
    return operators;
  }

  public OperatorConfig head() {
    return operators.get(0);
  }

  public boolean isSource() {
    return head().isSource();
  }

  /** Indexes of the job edges this vertex consumes, in channel order. */
  public List<Integer> inputEdges() {
    return inputEdges;
  }

  /** Indexes of the job edges this vertex produces. */
  public List<Integer> outputEdges() {
    return outputEdges;
  }

  @Override
  public String toString() {
    return name + " (p=" + parallelism + ")";
  }
}
