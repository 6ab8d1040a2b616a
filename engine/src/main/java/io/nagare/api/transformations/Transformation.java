package io.nagare.api.transformations;

import io.nagare.api.typeinfo.TypeInformation;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One step of a user's program as the DataStream API records it: a source, an operator, a
 * repartitioning, a union, a side output or a sink. The plan builder turns the graph of
 * transformations into a stream graph and then a job graph; nothing here runs.
 *
 * <p>Built and changed on the thread running the user's {@code main}; not thread-safe.
 *
 * @param <T> the type of the elements this step produces
 */
public abstract class Transformation<T> {
  private static final AtomicInteger ID_COUNTER = new AtomicInteger();

  private final int id;
  private String name;
  private String uid;
  private TypeInformation<T> outputType;
  private int parallelism;
  private int maxParallelism = -1;
  private ChainingStrategy chainingStrategy = ChainingStrategy.ALWAYS;

  protected Transformation(String name, TypeInformation<T> outputType, int parallelism) {
    this.id = ID_COUNTER.incrementAndGet();
    this.name = name;
    this.outputType = outputType;
    this.parallelism = parallelism;
  }

  /** Unique within this JVM; orders transformations by creation. */
  public int getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  /** The user-given stable id for state mapping, or null. */
  public String getUid() {
    return uid;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  public TypeInformation<T> getOutputType() {
    return outputType;
  }

  public void setOutputType(TypeInformation<T> outputType) {
    this.outputType = outputType;
  }

  /** The parallelism, or -1 for the job's default. */
  public int getParallelism() {
    return parallelism;
  }

  public void setParallelism(int parallelism) {
    if (parallelism < 1 && parallelism != -1) {
      throw new IllegalArgumentException("Parallelism of '" + name + "' must be at least 1, was " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** The max parallelism (number of key groups), or -1 for the job's. */
  public int getMaxParallelism() {
    return maxParallelism;
  }

  public void setMaxParallelism(int maxParallelism) {
    if (maxParallelism < 1 && maxParallelism != -1) {
      throw new IllegalArgumentException("Max parallelism of '" + name + "' must be at least 1, was " + maxParallelism);
    }
    this.maxParallelism = maxParallelism;
  }

  public ChainingStrategy getChainingStrategy() {
    return chainingStrategy;
  }

  public void setChainingStrategy(ChainingStrategy chainingStrategy) {
    this.chainingStrategy = chainingStrategy;
  }

  /** The transformations this one reads from. */
  public abstract List<Transformation<?>> getInputs();

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{id=" + id + ", name='" + name + "', parallelism=" + parallelism + "}";
  }
}
