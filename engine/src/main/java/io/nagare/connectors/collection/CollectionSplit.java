package io.nagare.connectors.collection;

import io.nagare.api.source.SourceSplit;

/** The collection's elements from index {@code position} on. */
public final class CollectionSplit implements SourceSplit {
  private final int position;

  public CollectionSplit(int position) {
    this.position = position;
  }

  @Override
  public String splitId() {
    return "0";
  }

  public int position() {
    return position;
  }
}
