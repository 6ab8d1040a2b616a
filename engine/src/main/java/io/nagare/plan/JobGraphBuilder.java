package io.nagare.plan;

import io.nagare.api.transformations.ChainingStrategy;
import io.nagare.api.transformations.PartitionerKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Chains a {@link StreamGraph} into a {@link JobGraph}. An edge is chained — its two operators run
 * in one thread, handing records over by a method call — when it is a FORWARD edge between equal
 * parallelisms, the target has no other input, and neither operator opted out ({@code
 * disableChaining}, {@code startNewChain}). Every other edge becomes a network {@link JobEdge}.
 * User code is serialized here, so a function that cannot be shipped fails now, naming its operator.
 */
public final class JobGraphBuilder {
  private final StreamGraph graph;
  private final Map<Integer, int[]> placement = new HashMap<>();
  private final List<List<StreamNode>> chains = new ArrayList<>();
  private final Map<Integer, String> operatorIds = new HashMap<>();

  private JobGraphBuilder(StreamGraph graph) {
    this.graph = graph;
  }

  /**
   * Builds the job graph of {@code graph}.
   *
   * @throws IllegalArgumentException if user code cannot be serialized (naming the operator)
   */
  public static JobGraph build(StreamGraph graph) {
    return new JobGraphBuilder(graph).build();
  }

  /** Whether {@code edge} is chained. */
  public static boolean isChainable(StreamEdge edge) {
    StreamNode up = edge.source;
    StreamNode down = edge.target;
    return edge.partitioner == PartitionerKind.FORWARD
        && down.inEdges.size() == 1
        && !down.isTwoInput()
        && up.parallelism == down.parallelism
        && down.kind == StreamNode.Kind.OPERATOR
        && down.chainingStrategy == ChainingStrategy.ALWAYS
        && up.chainingStrategy != ChainingStrategy.NEVER;
  }

  private JobGraph build() {
    assignOperatorIds();
    for (StreamNode node : graph.nodes()) {
      boolean chainedIn = node.inEdges.size() == 1 && isChainable(node.inEdges.get(0));
      if (!chainedIn) {
        List<StreamNode> chain = new ArrayList<>();
        collectChain(node, chain);
        for (int i = 0; i < chain.size(); i++) {
          placement.put(chain.get(i).id, new int[] {chains.size(), i});
        }
        chains.add(chain);
      }
    }

    List<JobEdge> edges = new ArrayList<>();
    Map<StreamEdge, Integer> edgeIndex = new HashMap<>();
    List<List<Integer>> inputs = new ArrayList<>();
    List<List<Integer>> outputs = new ArrayList<>();
    for (int v = 0; v < chains.size(); v++) {
      inputs.add(new ArrayList<>());
      outputs.add(new ArrayList<>());
    }
    for (int v = 0; v < chains.size(); v++) {
      for (StreamNode node : chains.get(v)) {
        for (StreamEdge e : node.outEdges) {
          if (!isChainable(e)) {
            int target = placement.get(e.target.id)[0];
            byte[] key = e.keySelector == null ? null
                : UserCodeSerialization.serialize(e.keySelector, "key selector", e.target.name);
            JobEdge je = new JobEdge(edges.size(), v, target, e.targetInput, e.partitioner, key, e.type);
            edgeIndex.put(e, je.index());
            edges.add(je);
            outputs.get(v).add(je.index());
            inputs.get(target).add(je.index());
          }
        }
      }
    }

    List<JobVertex> vertices = new ArrayList<>();
    for (int v = 0; v < chains.size(); v++) {
      List<StreamNode> chain = chains.get(v);
      List<OperatorConfig> configs = new ArrayList<>();
      StringBuilder name = new StringBuilder();
      for (StreamNode node : chain) {
        configs.add(configOf(node, edgeIndex));
        name.append(name.length() == 0 ? "" : " -> ").append(node.name);
      }
      StreamNode head = chain.get(0);
      vertices.add(new JobVertex(v, name.toString(), head.parallelism, head.maxParallelism, configs, inputs.get(v),
          outputs.get(v)));
    }
    return new JobGraph(graph.jobName(), graph.configuration(), vertices, edges);
  }

  private void collectChain(StreamNode node, List<StreamNode> chain) {
    chain.add(node);
    for (StreamEdge e : node.outEdges) {
      if (isChainable(e)) {
        collectChain(e.target, chain);
      }
    }
  }

  private OperatorConfig configOf(StreamNode node, Map<StreamEdge, Integer> edgeIndex) {
    List<OperatorConfig.ChainedOutput> chained = new ArrayList<>();
    List<OperatorConfig.NetworkOutput> network = new ArrayList<>();
    for (StreamEdge e : node.outEdges) {
      String tag = e.outputTag == null ? null : e.outputTag.getId();
      if (isChainable(e)) {
        chained.add(new OperatorConfig.ChainedOutput(placement.get(e.target.id)[1], tag));
      } else {
        network.add(new OperatorConfig.NetworkOutput(edgeIndex.get(e), tag));
      }
    }
    String what = node.kind == StreamNode.Kind.SOURCE ? "source" : "function";
    byte[] payload = UserCodeSerialization.serialize(node.payload, what, node.name);
    byte[] key = node.stateKeySelector == null ? null
        : UserCodeSerialization.serialize(node.stateKeySelector, "key selector", node.name);
    byte[] key2 = node.stateKeySelector2 == null ? null
        : UserCodeSerialization.serialize(node.stateKeySelector2, "second key selector", node.name);
    return new OperatorConfig(node.id, node.name, operatorIds.get(node.id), node.kind == StreamNode.Kind.SOURCE,
        payload, key, key2, node.inputType, node.inputType2, node.outputType, node.stateKeyType, node.maxParallelism,
        node.maxParallelismExplicit, chained, network);
  }

  /**
   * A uid if the user gave one; otherwise a hash of the node's name, its position among the nodes
   * and its inputs' ids, which stays the same as long as the program builds the same graph.
   */
  private void assignOperatorIds() {
    List<StreamNode> nodes = graph.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      StreamNode node = nodes.get(i);
      if (node.uid != null) {
        operatorIds.put(node.id, node.uid);
        continue;
      }
      StringBuilder key = new StringBuilder().append(i).append('|').append(node.name);
      for (StreamEdge in : node.inEdges) {
        key.append('|').append(operatorIds.get(in.source.id));
      }
      operatorIds.put(node.id, "auto-" + sha1(key.toString()).substring(0, 16));
    }
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by the Java platform", e);
    }
  }
}
