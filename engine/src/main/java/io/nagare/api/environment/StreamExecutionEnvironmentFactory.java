package io.nagare.api.environment;

/** Creates the environment {@link StreamExecutionEnvironment#getExecutionEnvironment()} returns. */
@FunctionalInterface
public interface StreamExecutionEnvironmentFactory {
  StreamExecutionEnvironment createExecutionEnvironment();
}
