package io.nagare.api.transformations;

import io.nagare.api.state.MapStateDescriptor;
import java.io.Serializable;
import java.util.List;

/** The broadcast states a broadcast stream declared ({@code stream.broadcast(descriptors...)}). */
public final class BroadcastStateSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<MapStateDescriptor<?, ?>> descriptors;

  public BroadcastStateSettings(List<MapStateDescriptor<?, ?>> descriptors) {
    this.descriptors = List.copyOf(descriptors);
  }

  public List<MapStateDescriptor<?, ?>> descriptors() {
    return descriptors;
  }
}
