package io.nagare.api.functions;

import io.nagare.api.state.CheckpointListener;
import io.nagare.api.state.CheckpointedFunction;
import io.nagare.api.state.FunctionInitializationContext;
import io.nagare.api.state.FunctionSnapshotContext;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Base of exactly-once sinks: records go into a transaction; on each checkpoint the transaction is
 * pre-committed (flushed, made durable but not visible) and a new one begins; when the checkpoint is
 * complete, its transactions are committed. After a restore, transactions pre-committed by the
 * restored checkpoint are committed (they may already be: {@link #commit} must be idempotent) and
 * the one that was open is aborted — its records are replayed. At the end of a bounded input the
 * open transaction is pre-committed and kept in the subtask's final state, and committed with the
 * earlier ones once a checkpoint holding that state completes (the subtask ends only then), so a
 * failure elsewhere in the job before it replays nothing this sink made visible; without periodic
 * checkpoints it is committed at once. Transactions are kept in operator state, so they move with
 * the work when the parallelism changes.
 *
 * @param <IN> record type
 * @param <TXN> transaction handle type (kept in state with {@code transactionType})
 */
public abstract class TwoPhaseCommitSinkFunction<IN, TXN> extends RichSinkFunction<IN>
    implements CheckpointedFunction, CheckpointListener {
  private static final long NOT_PRE_COMMITTED = -1;

  private final TypeInformation<TXN> transactionType;
  private transient ListState<Tuple2<Long, TXN>> state;
  private transient TXN current;
  private transient TreeMap<Long, TXN> preCommitted;
  /** The id of the latest checkpoint this subtask snapshotted (0: none in this run). */
  private transient long lastCheckpointId;

  protected TwoPhaseCommitSinkFunction(TypeInformation<TXN> transactionType) {
    this.transactionType = transactionType;
  }

  /** Starts a transaction. */
  protected abstract TXN beginTransaction() throws Exception;

  /** Writes {@code value} into {@code transaction}. */
  protected abstract void invoke(TXN transaction, IN value, Context context) throws Exception;

  /** Makes the transaction's records durable, ready to commit; called on the subtask's thread at a checkpoint. */
  protected abstract void preCommit(TXN transaction) throws Exception;

  /** Makes a pre-committed transaction visible; must be idempotent (it may be repeated after a restore). */
  protected abstract void commit(TXN transaction) throws Exception;

  /** Discards a transaction that will not be committed. */
  protected abstract void abort(TXN transaction) throws Exception;

  /** After a restore: commits a transaction the checkpoint had pre-committed. */
  protected void recoverAndCommit(TXN transaction) throws Exception {
    commit(transaction);
  }

  /** After a restore: discards the transaction that was open at the checkpoint (and what was written to it since). */
  protected void recoverAndAbort(TXN transaction) throws Exception {
    abort(transaction);
  }

  @Override
  public final void initializeState(FunctionInitializationContext context) throws Exception {
    state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("two-phase-commit-transactions",
        Types.TUPLE(Types.LONG, transactionType)));
    preCommitted = new TreeMap<>();
    if (context.isRestored()) {
      for (Tuple2<Long, TXN> t : state.get()) {
        if (t.f0 == NOT_PRE_COMMITTED) {
          recoverAndAbort(t.f1);
        } else {
          recoverAndCommit(t.f1);
        }
      }
      state.clear();
    }
    current = beginTransaction();
  }

  @Override
  public final void invoke(IN value, Context context) throws Exception {
    invoke(current, value, context);
  }

  @Override
  public final void snapshotState(FunctionSnapshotContext context) throws Exception {
    if (current == null) {
      List<Tuple2<Long, TXN>> transactions = new ArrayList<>();
      preCommitted.forEach((id, t) -> transactions.add(Tuple2.of(id, t)));
      state.update(transactions);
      return;
    }
    lastCheckpointId = context.getCheckpointId();
    preCommit(current);
    preCommitted.put(context.getCheckpointId(), current);
    current = beginTransaction();
    List<Tuple2<Long, TXN>> transactions = new ArrayList<>();
    for (Map.Entry<Long, TXN> e : preCommitted.entrySet()) {
      transactions.add(Tuple2.of(e.getKey(), e.getValue()));
    }
    transactions.add(Tuple2.of(NOT_PRE_COMMITTED, current));
    state.update(transactions);
  }

  @Override
  public final void notifyCheckpointComplete(long checkpointId) throws Exception {
    Map<Long, TXN> done = preCommitted.headMap(checkpointId, true);
    for (TXN t : done.values()) {
      commit(t);
    }
    done.clear();
  }

  /**
   * The input has ended: the open transaction is pre-committed. With periodic checkpoints it waits,
   * as the transaction of the next checkpoint, for the one holding the subtask's final state;
   * without, nothing will be replayed, so everything is committed at once.
   */
  @Override
  public void finish() throws Exception {
    preCommit(current);
    if (getRuntimeContext().isCheckpointingEnabled()) {
      preCommitted.put(lastCheckpointId + 1, current);
      current = null;
      return;
    }
    for (TXN t : preCommitted.values()) {
      commit(t);
    }
    preCommitted.clear();
    commit(current);
    current = null;
  }

  @Override
  public void close() throws Exception {
    if (current != null) {
      abort(current);
      current = null;
    }
  }
}
