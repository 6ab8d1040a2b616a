package io.nagare.runtime.tasks;

import io.nagare.api.common.Accumulator;
import io.nagare.api.metrics.Gauge;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.metrics.GenericMetricGroup;
import io.nagare.metrics.ReadOnlyCounter;
import io.nagare.plan.JobVertex;
import io.nagare.plan.OperatorConfig;
import io.nagare.plan.SourcePayload;
import io.nagare.plan.UserCodeSerialization;
import io.nagare.runtime.checkpoint.OperatorRestore;
import io.nagare.runtime.io.RecordWriter;
import io.nagare.runtime.mailbox.MailboxExecutor;
import io.nagare.runtime.operators.AbstractStreamOperator;
import io.nagare.runtime.operators.OperatorContext;
import io.nagare.runtime.operators.OperatorFactory;
import io.nagare.runtime.operators.OperatorSnapshot;
import io.nagare.runtime.operators.Output;
import io.nagare.runtime.operators.Outputs;
import io.nagare.runtime.operators.SideOutputs;
import io.nagare.runtime.operators.TaskInfoImpl;
import io.nagare.runtime.timers.ProcessingTimeService;
import io.nagare.serialization.SerializerFactory;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyGroupRangeAssignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The operators of one subtask, created from their configs and wired together: each operator's
 * main output is the next operators of the chain (by direct call) and/or network writers; side
 * outputs go where their tags are consumed. Also registers each operator's record counts as
 * metrics. Built and used on the subtask's thread.
 */
final class OperatorChain {
  private final List<AbstractStreamOperator<?>> operators;
  /** Per operator, whether it was restored as finished; set while the chain is built. */
  private final boolean[] restoredFinished;

  @SuppressWarnings({"unchecked", "rawtypes"})
  OperatorChain(JobVertex vertex, int subtaskIndex, int attempt, TaskEnvironment env, MailboxExecutor mailbox,
      ProcessingTimeService timeService, Map<Integer, RecordWriter<?>> writersByEdge,
      Map<String, Accumulator<?, ?>> accumulators, GenericMetricGroup taskGroup) throws Exception {
    List<OperatorConfig> configs = vertex.operators();
    int n = configs.size();
    AbstractStreamOperator<?>[] ops = new AbstractStreamOperator<?>[n];
    restoredFinished = new boolean[n];
    LongSupplier[] outCounts = new LongSupplier[n];
    LongSupplier[] outWatermarks = new LongSupplier[n];
    ClassLoader cl = env.userClassLoader();
    long watermarkInterval = env.jobGraph().configuration().get(CoreOptions.AUTO_WATERMARK_INTERVAL).toMillis();
    for (int i = n - 1; i >= 0; i--) {
      OperatorConfig cfg = configs.get(i);
      AbstractStreamOperator<Object> op;
      Object payload = UserCodeSerialization.deserialize(cfg.payload(), cl);
      if (cfg.isSource()) {
        SourcePayload source = (SourcePayload) payload;
        op = new SourceOperator(source.source(), source.watermarkStrategy(), watermarkInterval,
            env.sourceCoordinator(vertex.id()));
      } else {
        op = OperatorFactory.create((OperatorSpec) payload, cfg.inputType(), cfg.inputType2(),
            env.jobGraph().configuration());
        if (cfg.keySelector2() != null) {
          op.setSecondInputKeySelector(UserCodeSerialization.deserialize(cfg.keySelector2(), cl));
        }
      }
      if (env.restore() != null) {
        OperatorRestore restore = env.restore().forOperator(cfg.operatorId(), subtaskIndex, vertex.parallelism());
        if (restore != null) {
          op.setRestore(restore);
          restoredFinished[i] = restore.finished();
        }
      }
      int maxParallelism = env.maxParallelism(cfg);
      TaskInfoImpl info = new TaskInfoImpl(cfg.name(), subtaskIndex, vertex.parallelism(), maxParallelism, attempt);
      List<Output<Object>> main = new ArrayList<>();
      Map<String, List<Output<Object>>> side = new LinkedHashMap<>();
      for (OperatorConfig.ChainedOutput co : cfg.chainedOutputs()) {
        Output<Object> target = (Output<Object>) ops[co.targetIndex()];
        (co.tagId() == null ? main : side.computeIfAbsent(co.tagId(), k -> new ArrayList<>())).add(target);
      }
      for (OperatorConfig.NetworkOutput no : cfg.networkOutputs()) {
        Output<Object> target = new RecordWriterOutput(writersByEdge.get(no.edgeIndex()), cfg.name(), info);
        (no.tagId() == null ? main : side.computeIfAbsent(no.tagId(), k -> new ArrayList<>())).add(target);
      }
      outCounts[i] = mainOutputCount(cfg, ops, writersByEdge);
      outWatermarks[i] = mainOutputWatermark(cfg, ops, writersByEdge);
      Map<String, Output<?>> sideOutputs = new HashMap<>();
      side.forEach((tag, outs) -> sideOutputs.put(tag, Outputs.of(outs)));

      GenericMetricGroup group = taskGroup.addOperator(cfg.operatorId(), cfg.name());
      KeyGroupRange range = KeyGroupRangeAssignment.rangeForOperatorIndex(maxParallelism, vertex.parallelism(),
          subtaskIndex);
      OperatorContext ctx = new OperatorContext(cfg.name(), cfg.operatorId(), info, group, timeService, mailbox, cl,
          accumulators, env.stateBackendFactory(), range);
      ctx.setJob(env.jobGraph().jobName(), env.jobGraph().configuration());
      ctx.setCheckpointingEnabled(env.endsWithFinalCheckpoint());
      if (env.checkpointing() != null) {
        ctx.setSharedUploader(env.checkpointing().storage().sharedUploader());
      }
      KeySelector<?, ?> keySelector = cfg.isKeyed() ? UserCodeSerialization.deserialize(cfg.keySelector(), cl) : null;
      TypeSerializer<?> keySerializer = cfg.isKeyed() ? SerializerFactory.create(cfg.keyType()).duplicate() : null;
      op.setup(ctx, Outputs.of(main), new SideOutputs(sideOutputs), keySelector, keySerializer, maxParallelism);
      ops[i] = op;
      AbstractStreamOperator<?> self = op;
      registerOperatorMetrics(group, self, outCounts[i], outWatermarks[i] == null ? self::currentWatermark
          : outWatermarks[i]);
    }
    this.operators = List.of(ops);
  }

  /**
   * Flink's operator metrics: {@code numRecordsIn}, {@code numRecordsOut}, their rates per second,
   * {@code currentInputWatermark} and {@code currentOutputWatermark} (what the next operator or
   * the network got; {@code Long.MIN_VALUE} before the first watermark).
   */
  private static void registerOperatorMetrics(GenericMetricGroup group, AbstractStreamOperator<?> op,
      LongSupplier recordsOut, LongSupplier outputWatermark) {
    ReadOnlyCounter in = group.counter("numRecordsIn", new ReadOnlyCounter(op::recordsIn));
    ReadOnlyCounter out = group.counter("numRecordsOut", new ReadOnlyCounter(recordsOut));
    group.meter("numRecordsInPerSecond", in);
    group.meter("numRecordsOutPerSecond", out);
    group.gauge("currentInputWatermark", (Gauge<Long>) op::currentWatermark);
    group.gauge("currentOutputWatermark", (Gauge<Long>) outputWatermark::getAsLong);
  }

  /** The watermark operator {@code cfg}'s main output last carried, or null to use the operator's own. */
  private static LongSupplier mainOutputWatermark(OperatorConfig cfg, AbstractStreamOperator<?>[] ops,
      Map<Integer, RecordWriter<?>> writersByEdge) {
    for (OperatorConfig.ChainedOutput co : cfg.chainedOutputs()) {
      if (co.tagId() == null) {
        AbstractStreamOperator<?> target = ops[co.targetIndex()];
        return target::currentWatermark;
      }
    }
    for (OperatorConfig.NetworkOutput no : cfg.networkOutputs()) {
      if (no.tagId() == null) {
        RecordWriter<?> w = writersByEdge.get(no.edgeIndex());
        return w::lastWatermark;
      }
    }
    return null;
  }

  /** Records leaving operator {@code cfg}'s main output: counted where they arrive, so the hot path counts once. */
  private static LongSupplier mainOutputCount(OperatorConfig cfg, AbstractStreamOperator<?>[] ops,
      Map<Integer, RecordWriter<?>> writersByEdge) {
    for (OperatorConfig.ChainedOutput co : cfg.chainedOutputs()) {
      if (co.tagId() == null) {
        AbstractStreamOperator<?> target = ops[co.targetIndex()];
        return target::recordsIn;
      }
    }
    for (OperatorConfig.NetworkOutput no : cfg.networkOutputs()) {
      if (no.tagId() == null) {
        RecordWriter<?> w = writersByEdge.get(no.edgeIndex());
        return w::recordsOut;
      }
    }
    return () -> 0;
  }



  /** Head first. */
  List<AbstractStreamOperator<?>> operators() {
    return operators;
  }

  AbstractStreamOperator<?> head() {
    return operators.get(0);
  }

  /** Opens from the tail, so every operator's consumers are ready before it can emit. */
  void open() throws Exception {
    for (int i = operators.size() - 1; i >= 0; i--) {
      operators.get(i).open();
    }
  }

  /** Takes every operator's part of a checkpoint, head first; on failure releases what was taken. */
  List<OperatorSnapshot> snapshotState(long checkpointId, long timestamp, boolean savepoint) throws Exception {
    List<OperatorSnapshot> snapshots = new ArrayList<>(operators.size());
    try {
      for (AbstractStreamOperator<?> op : operators) {
        snapshots.add(op.snapshotState(checkpointId, timestamp, savepoint));
      }
    } catch (Exception | Error e) {
      snapshots.forEach(OperatorSnapshot::release);
      throw e;
    }
    return snapshots;
  }

  void notifyCheckpointComplete(long checkpointId) throws Exception {
    for (AbstractStreamOperator<?> op : operators) {
      op.notifyCheckpointComplete(checkpointId);
    }
  }

  /**
   * Finishes from the head, so what an operator emits while finishing reaches open consumers.
   * An operator restored as finished (all its subtasks had finished in the run the checkpoint comes
   * from) that got no input in this run is not finished again, so its end-of-input results are not
   * emitted twice.
   */
  void finish() throws Exception {
    for (int i = 0; i < operators.size(); i++) {
      AbstractStreamOperator<?> op = operators.get(i);
      if (!restoredFinished[i] || op.recordsIn() > 0) {
        op.finish();
      }
    }
  }

  /** Closes every operator, even if some fail; the first failure is thrown, later ones suppressed. */
  void close() throws Exception {
    Exception first = null;
    for (AbstractStreamOperator<?> op : operators) {
      try {
        op.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
