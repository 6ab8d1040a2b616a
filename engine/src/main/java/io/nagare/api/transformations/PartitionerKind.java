package io.nagare.api.transformations;

/** How records travel from the subtasks of one operator to those of the next. */
public enum PartitionerKind {
  /** Subtask i to subtask i; needs equal parallelism; allows chaining. */
  FORWARD,
  /** Round-robin over all consumers. */
  REBALANCE,
  /** Uniformly random consumer. */
  SHUFFLE,
  /** Every record to every consumer. */
  BROADCAST,
  /** By the key's key group: each key always reaches the same consumer. */
  HASH,
  /** Round-robin over a local subset of consumers (parallelism ratios). */
  RESCALE,
  /** Everything to consumer 0. */
  GLOBAL
}
