package io.nagare.plan;

import io.nagare.api.configuration.Configuration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The user's program as a graph of operators (stream nodes) and edges, with every setting resolved
 * (parallelism, partitioners, side outputs) but nothing chained yet. Nodes are in creation order,
 * which is a topological order.
 */
public final class StreamGraph {
  private final String jobName;
  private final Configuration configuration;
  private final List<StreamNode> nodes = new ArrayList<>();

  StreamGraph(String jobName, Configuration configuration) {
    this.jobName = jobName;
    this.configuration = configuration;
  }

  void addNode(StreamNode node) {
    nodes.add(node);
  }

  public String jobName() {
    return jobName;
  }

  public Configuration configuration() {
    return configuration;
  }

  public List<StreamNode> nodes() {
    return Collections.unmodifiableList(nodes);
  }
}
