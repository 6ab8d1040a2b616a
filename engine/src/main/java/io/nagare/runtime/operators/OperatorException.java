package io.nagare.runtime.operators;

/**
 * Thrown when an operator's user code (or its output) fails: names the operator and the subtask,
 * and keeps the original exception as the cause.
 */
public final class OperatorException extends RuntimeException {
  private final String operatorName;
  private final int subtaskIndex;
  private final int parallelism;

  public OperatorException(String operatorName, int subtaskIndex, int parallelism, String what, Throwable cause) {
    super("Operator '" + operatorName + "' (subtask " + (subtaskIndex + 1) + "/" + parallelism + ") " + what
        + (cause == null ? "" : ": " + cause), cause);
    this.operatorName = operatorName;
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
  }

  public String getOperatorName() {
    return operatorName;
  }

  /** 0-based. */
  public int getSubtaskIndex() {
    return subtaskIndex;
  }

  public int getParallelism() {
    return parallelism;
  }
}
