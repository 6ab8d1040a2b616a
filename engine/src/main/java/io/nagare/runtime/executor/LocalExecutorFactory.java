package io.nagare.runtime.executor;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.PipelineExecutor;
import io.nagare.api.environment.PipelineExecutorFactory;

/** The {@code local} execution target. */
public final class LocalExecutorFactory implements PipelineExecutorFactory {
  @Override
  public String target() {
    return "local";
  }

  @Override
  public PipelineExecutor create(Configuration configuration) {
    return new LocalExecutor(configuration);
  }
}
