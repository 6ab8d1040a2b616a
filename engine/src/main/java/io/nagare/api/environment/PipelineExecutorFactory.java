package io.nagare.api.environment;

import io.nagare.api.configuration.Configuration;

/**
 * Creates {@link PipelineExecutor}s for one {@code execution.target}. Registered through {@code
 * META-INF/services/io.nagare.api.environment.PipelineExecutorFactory}.
 */
public interface PipelineExecutorFactory {
  /** The {@code execution.target} value this factory serves, e.g. {@code local}. */
  String target();

  PipelineExecutor create(Configuration configuration);
}
