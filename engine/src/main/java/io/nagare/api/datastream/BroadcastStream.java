package io.nagare.api.datastream;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.transformations.PartitionTransformation;
import io.nagare.api.transformations.PartitionerKind;
import java.util.List;

/**
 * A stream sent to every parallel instance of the operator it is connected to, together with the
 * broadcast states that operator may keep ({@code stream.broadcast(descriptors...)}). Connect it to
 * a stream or a keyed stream and process with a {@code (Keyed)BroadcastProcessFunction}.
 */
public final class BroadcastStream<T> {
  private final StreamExecutionEnvironment environment;
  private final PartitionTransformation<T> transformation;
  private final List<MapStateDescriptor<?, ?>> descriptors;

  BroadcastStream(StreamExecutionEnvironment environment, DataStream<T> input,
      List<MapStateDescriptor<?, ?>> descriptors) {
    this.environment = environment;
    this.transformation = new PartitionTransformation<>(input.getTransformation(), PartitionerKind.BROADCAST);
    this.descriptors = List.copyOf(descriptors);
  }

  public StreamExecutionEnvironment getExecutionEnvironment() {
    return environment;
  }

  public PartitionTransformation<T> getTransformation() {
    return transformation;
  }

  public List<MapStateDescriptor<?, ?>> getBroadcastStateDescriptors() {
    return descriptors;
  }
}
