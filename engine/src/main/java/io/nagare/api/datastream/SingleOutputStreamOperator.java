package io.nagare.api.datastream;

import io.nagare.api.common.OutputTag;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.transformations.ChainingStrategy;
import io.nagare.api.transformations.SideOutputTransformation;
import io.nagare.api.transformations.Transformation;
import io.nagare.api.typeinfo.TypeHint;
import io.nagare.api.typeinfo.TypeInformation;

/** The stream produced by one operator, with that operator's settings (name, uid, parallelism, type). */
public class SingleOutputStreamOperator<T> extends DataStream<T> {

  public SingleOutputStreamOperator(StreamExecutionEnvironment environment, Transformation<T> transformation) {
    super(environment, transformation);
  }

  /** Names the operator (shown in logs, metrics and errors). */
  public SingleOutputStreamOperator<T> name(String name) {
    transformation.setName(name);
    return this;
  }

  /** Gives the operator a stable id, which maps its state when a job is restored from a savepoint. */
  public SingleOutputStreamOperator<T> uid(String uid) {
    transformation.setUid(uid);
    return this;
  }

  public SingleOutputStreamOperator<T> setParallelism(int parallelism) {
    transformation.setParallelism(parallelism);
    return this;
  }

  public SingleOutputStreamOperator<T> setMaxParallelism(int maxParallelism) {
    transformation.setMaxParallelism(maxParallelism);
    return this;
  }

  /** Declares the output type where type erasure hides it (lambdas returning generic types). */
  public SingleOutputStreamOperator<T> returns(TypeInformation<T> type) {
    transformation.setOutputType(type);
    return this;
  }

  public SingleOutputStreamOperator<T> returns(Class<T> type) {
    return returns(TypeInformation.of(type));
  }

  public SingleOutputStreamOperator<T> returns(TypeHint<T> hint) {
    return returns(hint.getTypeInfo());
  }

  /** Runs this operator in its own thread, apart from its predecessor and successors. */
  public SingleOutputStreamOperator<T> disableChaining() {
    transformation.setChainingStrategy(ChainingStrategy.NEVER);
    return this;
  }

  /** Starts a new chain at this operator. */
  public SingleOutputStreamOperator<T> startNewChain() {
    transformation.setChainingStrategy(ChainingStrategy.HEAD);
    return this;
  }

  /** The elements this operator emitted to the side output {@code tag}. */
  public <X> DataStream<X> getSideOutput(OutputTag<X> tag) {
    return new DataStream<>(environment, new SideOutputTransformation<>(transformation, tag));
  }
}
