package io.nagare.connectors.sequence;

import io.nagare.api.source.SourceSplit;

/** The numbers {@code from} to {@code to}, both included; {@code from} moves as the reader advances. */
public final class NumberSequenceSplit implements SourceSplit {
  private final String id;
  private final long from;
  private final long to;

  public NumberSequenceSplit(String id, long from, long to) {
    this.id = id;
    this.from = from;
    this.to = to;
  }

  @Override
  public String splitId() {
    return id;
  }

  public long from() {
    return from;
  }

  public long to() {
    return to;
  }

  @Override
  public String toString() {
    return "NumberSequenceSplit{" + id + ": " + from + ".." + to + "}";
  }
}
