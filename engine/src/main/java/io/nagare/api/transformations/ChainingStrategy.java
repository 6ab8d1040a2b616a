package io.nagare.api.transformations;

/** Whether an operator may run in the same thread as its neighbours. */
public enum ChainingStrategy {
  /** Chain with the predecessor and successors where the edges allow it. */
  ALWAYS,
  /** Start a new chain here; successors may chain to it. */
  HEAD,
  /** Never chain this operator with anything. */
  NEVER
}
