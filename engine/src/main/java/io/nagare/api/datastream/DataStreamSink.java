package io.nagare.api.datastream;

import io.nagare.api.transformations.ChainingStrategy;
import io.nagare.api.transformations.Transformation;

/** A sink's settings: name, uid, parallelism. */
public class DataStreamSink<T> {
  private final Transformation<Void> transformation;

  public DataStreamSink(Transformation<Void> transformation) {
    this.transformation = transformation;
  }

  public Transformation<Void> getTransformation() {
    return transformation;
  }

  public DataStreamSink<T> name(String name) {
    transformation.setName(name);
    return this;
  }

  public DataStreamSink<T> uid(String uid) {
    transformation.setUid(uid);
    return this;
  }

  public DataStreamSink<T> setParallelism(int parallelism) {
    transformation.setParallelism(parallelism);
    return this;
  }

  public DataStreamSink<T> disableChaining() {
    transformation.setChainingStrategy(ChainingStrategy.NEVER);
    return this;
  }
}
