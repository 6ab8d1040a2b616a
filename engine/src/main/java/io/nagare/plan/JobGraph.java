package io.nagare.plan;

import io.nagare.api.configuration.Configuration;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * The plan that runs: chained job vertices and the network edges between them, with user code
 * serialized inside. Immutable and serializable, so it can be shipped to a cluster as it is.
 */
public final class JobGraph implements Serializable {
  private final String jobId;
  private final String jobName;
  private final Configuration configuration;
  private final List<JobVertex> vertices;
  private final List<JobEdge> edges;

  JobGraph(String jobName, Configuration configuration, List<JobVertex> vertices, List<JobEdge> edges) {
    this(UUID.randomUUID().toString().replace("-", ""), jobName, configuration, vertices, edges);
  }

  private JobGraph(String jobId, String jobName, Configuration configuration, List<JobVertex> vertices,
      List<JobEdge> edges) {
    this.jobId = jobId;
    this.jobName = jobName;
    this.configuration = new Configuration(configuration);
    this.vertices = List.copyOf(vertices);
    this.edges = List.copyOf(edges);
  }

  /** The same job, same id, with {@code key} set to {@code value} in its configuration (a job resumed elsewhere). */
  public JobGraph withSetting(String key, String value) {
    return new JobGraph(jobId, jobName, new Configuration(configuration).setString(key, value), vertices, edges);
  }

  public String jobId() {
    return jobId;
  }

  public String jobName() {
    return jobName;
  }

  public Configuration configuration() {
    return configuration;
  }

  /** Vertices in topological order; a vertex's id is its index here. */
  public List<JobVertex> vertices() {
    return vertices;
  }

  public JobVertex vertex(int id) {
    return vertices.get(id);
  }

  public List<JobEdge> edges() {
    return edges;
  }

  public JobEdge edge(int index) {
    return edges.get(index);
  }

  @Override
  public String toString() {
    return "JobGraph{" + jobName + ", vertices=" + vertices + ", edges=" + edges + "}";
  }
}
