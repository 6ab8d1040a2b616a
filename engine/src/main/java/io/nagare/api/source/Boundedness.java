package io.nagare.api.source;

/** Whether a source ends. A job whose sources are all bounded finishes when they are read. */
public enum Boundedness {
  BOUNDED,
  CONTINUOUS_UNBOUNDED
}
