package io.nagare.connectors.socket;

import io.nagare.api.source.SourceSplit;

/** The one split of a socket source: the connection. A socket cannot be rewound, so it has no position. */
public final class SocketSplit implements SourceSplit {
  @Override
  public String splitId() {
    return "socket";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SocketSplit;
  }

  @Override
  public int hashCode() {
    return 1;
  }
}
