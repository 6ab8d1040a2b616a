package io.nagare.runtime.executor;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.NetworkOptions;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.transformations.PartitionerKind;
import io.nagare.network.FrameLimits;
import io.nagare.plan.JobEdge;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobVertex;
import io.nagare.plan.UserCodeSerialization;
import io.nagare.runtime.io.BufferPool;
import io.nagare.runtime.io.InputChannel;
import io.nagare.runtime.io.InputGate;
import io.nagare.runtime.io.LocalInputChannel;
import io.nagare.runtime.io.RecordDeserializer;
import io.nagare.runtime.io.RecordWriter;
import io.nagare.runtime.io.ResultSubpartition;
import io.nagare.runtime.partitioner.ChannelSelectors;
import io.nagare.runtime.tasks.InputStreamTask;
import io.nagare.runtime.tasks.SourceStreamTask;
import io.nagare.runtime.tasks.StreamTask;
import io.nagare.runtime.tasks.TaskEnvironment;
import io.nagare.runtime.tasks.TaskListener;
import io.nagare.serialization.SerializerFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the subtasks of one run of a job that execute in this process, wired to each other and
 * to the rest of the job: one subpartition and bounded buffer pool per producer and consumer of an
 * edge, read through an in-memory channel when both ends run here and through an {@link Exchange}
 * otherwise. Used by local runs and by task managers alike; a build runs on one thread.
 */
public final class SubtaskWiring {
  /** Where the subtasks of a job execute, and how channels to the others are made. */
  public interface Exchange {
    /** True if subtask {@code index} of vertex {@code vertexId} executes in this process. */
    boolean runsHere(int vertexId, int index);

    /** Offers a subpartition of a subtask running here to consumers elsewhere. */
    void register(int edge, int producer, int subpartition, ResultSubpartition data);

    /**
     * A channel reading subpartition {@code subpartition} of producer {@code producer} on edge
     * {@code edge} over the network, or null to read it in memory (only if the producer runs
     * here).
     */
    InputChannel channel(int channelIndex, int inputIndex, RecordDeserializer<?> deserializer, int edge, int producer,
        int subpartition, int credits, int bufferSize);
  }

  /** Every subtask runs here, and every channel is in memory. */
  public static final Exchange IN_MEMORY = new Exchange() {
    @Override
    public boolean runsHere(int vertexId, int index) {
      return true;
    }

    @Override
    public void register(int edge, int producer, int subpartition, ResultSubpartition data) {}

    @Override
    public InputChannel channel(int channelIndex, int inputIndex, RecordDeserializer<?> deserializer, int edge,
        int producer, int subpartition, int credits, int bufferSize) {
      return null;
    }
  };

  private final JobGraph job;
  private final ClassLoader userClassLoader;
  private final Exchange exchange;

  public SubtaskWiring(JobGraph job, ClassLoader userClassLoader, Exchange exchange) {
    this.job = job;
    this.userClassLoader = userClassLoader;
    this.exchange = exchange;
  }

  /** The subtasks of attempt {@code attempt} that run here, not started. */
  public List<StreamTask> create(TaskEnvironment env, int attempt, TaskListener listener) {
    Configuration conf = job.configuration();
    int bufferSize = FrameLimits.segmentSize(conf);
    int perChannel = conf.get(NetworkOptions.BUFFERS_PER_CHANNEL);
    int floating = conf.get(NetworkOptions.FLOATING_BUFFERS);

    Map<Integer, ResultSubpartition[][]> partitions = new HashMap<>();
    Map<Integer, BufferPool[]> pools = new HashMap<>();
    for (JobEdge e : job.edges()) {
      int producers = job.vertex(e.sourceVertex()).parallelism();
      ResultSubpartition[][] byProducer = new ResultSubpartition[producers][];
      BufferPool[] edgePools = new BufferPool[producers];
      for (int i = 0; i < producers; i++) {
        if (!exchange.runsHere(e.sourceVertex(), i)) {
          continue;
        }
        int n = consumersOf(job, e, i).size();
        byProducer[i] = new ResultSubpartition[n];
        for (int s = 0; s < n; s++) {
          byProducer[i][s] = new ResultSubpartition();
          exchange.register(e.index(), i, s, byProducer[i][s]);
        }
        edgePools[i] = new BufferPool(n * perChannel + floating, bufferSize);
      }
      partitions.put(e.index(), byProducer);
      pools.put(e.index(), edgePools);
    }

    List<StreamTask> tasks = new ArrayList<>();
    for (JobVertex v : job.vertices()) {
      for (int j = 0; j < v.parallelism(); j++) {
        if (!exchange.runsHere(v.id(), j)) {
          continue;
        }
        List<RecordWriter<?>> writers = new ArrayList<>();
        for (int edgeIndex : v.outputEdges()) {
          JobEdge e = job.edge(edgeIndex);
          writers.add(writer(env, e, j, partitions.get(edgeIndex)[j], pools.get(edgeIndex)[j]));
        }
        if (v.isSource()) {
          tasks.add(new SourceStreamTask(v, j, attempt, env, writers, listener));
        } else {
          List<InputChannel> channels = channelsOf(v, j, partitions, perChannel, bufferSize);
          tasks.add(new InputStreamTask(v, j, attempt, env, writers, l -> new InputGate(channels, l), listener));
        }
      }
    }
    return tasks;
  }

  @SuppressWarnings("unchecked")
  private RecordWriter<?> writer(TaskEnvironment env, JobEdge e, int producer, ResultSubpartition[] subpartitions,
      BufferPool pool) {
    JobVertex target = job.vertex(e.targetVertex());
    KeySelector<Object, ?> key = null;
    if (e.keySelector() != null) {
      try {
        key = UserCodeSerialization.deserialize(e.keySelector(), userClassLoader);
      } catch (Exception ex) {
        throw new IllegalStateException("Cannot load the key selector of " + target.name() + ": " + ex, ex);
      }
    }
    TypeSerializer<Object> serializer = (TypeSerializer<Object>) SerializerFactory.create(e.type()).duplicate();
    return new RecordWriter<>(subpartitions, pool, serializer, ChannelSelectors.create(e.partitioner(),
        subpartitions.length, producer, key, env.maxParallelism(target.head()), target.parallelism()));
  }

  private List<InputChannel> channelsOf(JobVertex v, int consumer, Map<Integer, ResultSubpartition[][]> partitions,
      int credits, int bufferSize) {
    List<InputChannel> channels = new ArrayList<>();
    for (int edgeIndex : v.inputEdges()) {
      JobEdge e = job.edge(edgeIndex);
      int producers = job.vertex(e.sourceVertex()).parallelism();
      for (int i = 0; i < producers; i++) {
        int sub = consumersOf(job, e, i).indexOf(consumer);
        if (sub < 0) {
          continue;
        }
        RecordDeserializer<?> in = new RecordDeserializer<>(SerializerFactory.create(e.type()).duplicate());
        InputChannel channel = exchange.channel(channels.size(), e.targetInput(), in, edgeIndex, i, sub, credits,
            bufferSize);
        if (channel == null) {
          ResultSubpartition[] produced = partitions.get(edgeIndex)[i];
          if (produced == null) {
            throw new IllegalStateException("Subtask " + i + " of " + job.vertex(e.sourceVertex()).name()
                + " does not run here, so it cannot be read in memory");
          }
          channel = new LocalInputChannel(channels.size(), e.targetInput(), in, produced[sub]);
        }
        channels.add(channel);
      }
    }
    return channels;
  }

  /** The consumer subtasks producer {@code i} of edge {@code e} sends to, in subpartition order. */
  static List<Integer> consumersOf(JobGraph job, JobEdge e, int i) {
    int p = job.vertex(e.sourceVertex()).parallelism();
    int c = job.vertex(e.targetVertex()).parallelism();
    List<Integer> out = new ArrayList<>();
    if (e.partitioner() == PartitionerKind.FORWARD) {
      out.add(i);
    } else if (e.partitioner() == PartitionerKind.RESCALE) {
      if (p <= c) {
        for (int j = i * c / p; j < (i + 1) * c / p; j++) {
          out.add(j);
        }
      } else {
        out.add(i * c / p);
      }
    } else {
      for (int j = 0; j < c; j++) {
        out.add(j);
      }
    }
    return out;
  }
}
