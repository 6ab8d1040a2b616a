package io.nagare.api.environment;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.transformations.Transformation;
import java.util.List;

/** A user's program ready to run: its name, its transformations, its configuration and class loader. */
public final class Pipeline {
  private final String jobName;
  private final List<Transformation<?>> transformations;
  private final Configuration configuration;
  private final ClassLoader userClassLoader;

  public Pipeline(String jobName, List<Transformation<?>> transformations, Configuration configuration,
      ClassLoader userClassLoader) {
    this.jobName = jobName;
    this.transformations = List.copyOf(transformations);
    this.configuration = new Configuration(configuration);
    this.userClassLoader = userClassLoader;
  }

  public String getJobName() {
    return jobName;
  }

  public List<Transformation<?>> getTransformations() {
    return transformations;
  }

  public Configuration getConfiguration() {
    return configuration;
  }

  public ClassLoader getUserClassLoader() {
    return userClassLoader;
  }
}
