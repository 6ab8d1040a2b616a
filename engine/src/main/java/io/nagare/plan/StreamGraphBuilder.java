package io.nagare.plan;

import io.nagare.api.common.OutputTag;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.environment.Pipeline;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.transformations.OneInputTransformation;
import io.nagare.api.transformations.PartitionTransformation;
import io.nagare.api.transformations.PartitionerKind;
import io.nagare.api.transformations.SideOutputTransformation;
import io.nagare.api.transformations.SourceTransformation;
import io.nagare.api.transformations.Transformation;
import io.nagare.api.transformations.TwoInputTransformation;
import io.nagare.api.transformations.UnionTransformation;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.state.KeyGroupRangeAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a pipeline's transformations into a {@link StreamGraph}: real operators become nodes;
 * partitionings, unions and side-output selections become properties of the edges between them.
 * Unset parallelism becomes the job's; an edge without an explicit partitioner is FORWARD between
 * equal parallelisms and REBALANCE otherwise (as in Flink).
 */
public final class StreamGraphBuilder {
  private final Pipeline pipeline;
  private final int defaultParallelism;
  private final int jobMaxParallelism;
  private final Map<Integer, StreamNode> nodes = new HashMap<>();
  private StreamGraph graph;

  private StreamGraphBuilder(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.defaultParallelism = pipeline.getConfiguration().get(CoreOptions.DEFAULT_PARALLELISM);
    this.jobMaxParallelism = pipeline.getConfiguration().get(CoreOptions.MAX_PARALLELISM);
    if (defaultParallelism < 1) {
      throw new IllegalArgumentException("parallelism.default must be at least 1, was " + defaultParallelism);
    }
  }

  /**
   * Builds the stream graph of {@code pipeline}.
   *
   * @throws IllegalArgumentException if the program is inconsistent (the message names the operator)
   */
  public static StreamGraph build(Pipeline pipeline) {
    return new StreamGraphBuilder(pipeline).build();
  }

  private StreamGraph build() {
    graph = new StreamGraph(pipeline.getJobName(), pipeline.getConfiguration());
    Set<Transformation<?>> all = new LinkedHashSet<>();
    for (Transformation<?> t : pipeline.getTransformations()) {
      collect(t, all);
    }
    List<Transformation<?>> ordered = new ArrayList<>(all);
    ordered.sort(Comparator.comparingInt(Transformation::getId));
    for (Transformation<?> t : ordered) {
      translate(t);
    }
    return graph;
  }

  private void collect(Transformation<?> t, Set<Transformation<?>> into) {
    if (into.add(t)) {
      for (Transformation<?> in : t.getInputs()) {
        collect(in, into);
      }
    }
  }

  private int parallelismOf(Transformation<?> t) {
    return t.getParallelism() > 0 ? t.getParallelism() : defaultParallelism;
  }

  private int maxParallelismOf(Transformation<?> t, int parallelism) {
    int max = t.getMaxParallelism() > 0 ? t.getMaxParallelism()
        : jobMaxParallelism > 0 ? jobMaxParallelism : KeyGroupRangeAssignment.defaultMaxParallelism(parallelism);
    if (max < parallelism) {
      throw new IllegalArgumentException("Operator '" + t.getName() + "' has parallelism " + parallelism
          + " above its max parallelism " + max + "; raise the max parallelism (setMaxParallelism).");
    }
    return max;
  }

  private boolean maxParallelismExplicit(Transformation<?> t) {
    return t.getMaxParallelism() > 0 || jobMaxParallelism > 0;
  }

  private void translate(Transformation<?> t) {
    if (t instanceof SourceTransformation) {
      SourceTransformation<?> s = (SourceTransformation<?>) t;
      int p = parallelismOf(t);
      StreamNode node = new StreamNode(t.getId(), StreamNode.Kind.SOURCE, "Source: " + t.getName(), t.getUid(), p,
          maxParallelismOf(t, p), maxParallelismExplicit(t), t.getChainingStrategy(),
          new SourcePayload(s.getSource(), s.getWatermarkStrategy()), null, t.getOutputType(), null, null);
      add(node);
    } else if (t instanceof OneInputTransformation) {
      OneInputTransformation<?, ?> o = (OneInputTransformation<?, ?>) t;
      int p = parallelismOf(t);
      StreamNode node = new StreamNode(t.getId(), StreamNode.Kind.OPERATOR, t.getName(), t.getUid(), p,
          maxParallelismOf(t, p), maxParallelismExplicit(t), t.getChainingStrategy(), o.getOperator(),
          o.getInput().getOutputType(), t.getOutputType(), o.getStateKeySelector(), o.getStateKeyType());
      add(node);
      for (InputRef ref : resolve(o.getInput())) {
        connect(ref, node, 0);
      }
    } else if (t instanceof TwoInputTransformation) {
      TwoInputTransformation<?, ?, ?> o = (TwoInputTransformation<?, ?, ?>) t;
      int p = parallelismOf(t);
      StreamNode node = new StreamNode(t.getId(), StreamNode.Kind.OPERATOR, t.getName(), t.getUid(), p,
          maxParallelismOf(t, p), maxParallelismExplicit(t), t.getChainingStrategy(), o.getOperator(),
          o.getInput1().getOutputType(), t.getOutputType(), o.getStateKeySelector1(), o.getStateKeyType());
      node.inputType2 = o.getInput2().getOutputType();
      node.stateKeySelector2 = o.getStateKeySelector2();
      add(node);
      for (InputRef ref : resolve(o.getInput1())) {
        connect(ref, node, 0);
      }
      for (InputRef ref : resolve(o.getInput2())) {
        connect(ref, node, 1);
      }
    }
  }

  private void add(StreamNode node) {
    nodes.put(node.id, node);
    graph.addNode(node);
  }

  private void connect(InputRef ref, StreamNode target, int targetInput) {
    StreamNode source = nodes.get(ref.nodeId);
    PartitionerKind kind = ref.partitioner;
    if (kind == null) {
      kind = source.parallelism == target.parallelism ? PartitionerKind.FORWARD : PartitionerKind.REBALANCE;
    } else if (kind == PartitionerKind.FORWARD && source.parallelism != target.parallelism) {
      throw new IllegalArgumentException("Forward partitioning does not allow a change of parallelism: '"
          + source.name + "' has parallelism " + source.parallelism + ", '" + target.name + "' has "
          + target.parallelism + ". Use rebalance() or another partitioning.");
    }
    TypeInformation<?> type = ref.tag != null ? ref.tag.getTypeInfo() : source.outputType;
    if (type == null) {
      throw new IllegalArgumentException("Operator '" + source.name + "' has no output to connect to '" + target.name + "'");
    }
    StreamEdge edge = new StreamEdge(source, target, kind, ref.keySelector, ref.tag, type, targetInput);
    source.outEdges.add(edge);
    target.inEdges.add(edge);
  }

  /** What a transformation's output resolves to: real nodes plus the edge properties on the way. */
  private List<InputRef> resolve(Transformation<?> t) {
    List<InputRef> refs = new ArrayList<>();
    if (t instanceof PartitionTransformation) {
      PartitionTransformation<?> p = (PartitionTransformation<?>) t;
      for (InputRef r : resolve(p.getInput())) {
        refs.add(new InputRef(r.nodeId, p.getPartitioner(), p.getKeySelector(), r.tag));
      }
    } else if (t instanceof UnionTransformation) {
      for (Transformation<?> in : t.getInputs()) {
        refs.addAll(resolve(in));
      }
    } else if (t instanceof SideOutputTransformation) {
      SideOutputTransformation<?> s = (SideOutputTransformation<?>) t;
      for (InputRef r : resolve(t.getInputs().get(0))) {
        refs.add(new InputRef(r.nodeId, r.partitioner, r.keySelector, s.getTag()));
      }
    } else {
      if (!nodes.containsKey(t.getId())) {
        throw new IllegalStateException("Transformation " + t + " is used before it was translated");
      }
      refs.add(new InputRef(t.getId(), null, null, null));
    }
    return refs;
  }

  private static final class InputRef {
    final int nodeId;
    final PartitionerKind partitioner;
    final KeySelector<?, ?> keySelector;
    final OutputTag<?> tag;

    InputRef(int nodeId, PartitionerKind partitioner, KeySelector<?, ?> keySelector, OutputTag<?> tag) {
      this.nodeId = nodeId;
      this.partitioner = partitioner;
      this.keySelector = keySelector;
      this.tag = tag;
    }
  }
}
