package io.nagare.api.datastream;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.transformations.SourceTransformation;

/** The stream read by a source. */
public class DataStreamSource<T> extends SingleOutputStreamOperator<T> {
  public DataStreamSource(StreamExecutionEnvironment environment, SourceTransformation<T> transformation) {
    super(environment, transformation);
  }
}
