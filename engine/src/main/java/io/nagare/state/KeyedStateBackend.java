package io.nagare.state;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.state.State;
import io.nagare.api.state.StateDescriptor;

/**
 * Keyed state of one operator subtask: every state the operator declared, for the key groups the
 * subtask owns. The operator sets the current key before each element or timer; state handles read
 * and write that key's entries.
 *
 * <p>Owned by the subtask's thread: no method may be called from another thread. (Checkpoints take
 * a consistent view on that thread and write it out elsewhere; see the checkpoint work.)
 *
 * @param <K> key type
 */
public interface KeyedStateBackend<K> extends AutoCloseable {

  /** Makes {@code key} current and computes its key group. */
  void setCurrentKey(K key);

  K getCurrentKey();

  /** The key group of the current key. */
  int getCurrentKeyGroupIndex();

  KeyGroupRange getKeyGroupRange();

  int getNumberOfKeyGroups();

  TypeSerializer<K> getKeySerializer();

  /**
   * The state handle for {@code descriptor}, created on first use and the same object afterwards,
   * in namespace {@link VoidNamespace}.
   *
   * @throws IllegalStateException if a state of that name exists with another kind or type
   */
  <S extends State> S getOrCreateKeyedState(StateDescriptor<S, ?> descriptor);

  /**
   * The state handle for {@code descriptor} in namespaces of {@code namespaceSerializer}'s type;
   * the caller sets the namespace on the returned handle through {@link InternalKvState}.
   */
  <N, S extends State> S getOrCreateKeyedState(TypeSerializer<N> namespaceSerializer, StateDescriptor<S, ?> descriptor);

  /**
   * Runs {@code function} on state {@code descriptor} in {@code namespace} for every key that has a
   * value there, with that key current; restores the previous current key afterwards.
   */
  <N, S extends State> void applyToAllKeys(N namespace, TypeSerializer<N> namespaceSerializer,
      StateDescriptor<S, ?> descriptor, KeyedStateFunction<K, S> function) throws Exception;

  /**
   * Takes a consistent view of every keyed state for checkpoint {@code checkpointId}, on the
   * subtask's thread; the returned snapshot is written out later on the checkpoint I/O thread. A
   * savepoint's snapshot is in the backend-independent format (documented by {@code
   * HeapKeyedStateBackend#snapshot}) that every backend restores; a checkpoint's may be the
   * backend's own.
   */
  KeyedStateSnapshot snapshot(long checkpointId, boolean savepoint) throws java.io.IOException;

  /**
   * Where this job's checkpoints keep shared files, known before the first checkpoint: a backend
   * may start uploading files there at once (see the RocksDB backend). Called once, if the job
   * takes checkpoints.
   */
  default void setSharedUploader(SharedUploader uploader) {}

  /** Checkpoint {@code checkpointId} is complete: files it references may be reused by later ones. */
  default void notifyCheckpointComplete(long checkpointId) {}

  /**
   * Takes back state written by {@link #snapshot} (of any parallel instance: only this backend's key
   * groups are kept, and of an indexed block only their bytes are read). Call before the operator
   * registers its states.
   */
  void restore(StateBlock block) throws java.io.IOException;

  /**
   * Names the operator this backend belongs to in messages, such as {@code operator 'Counter (id
   * 3f2a…)'}: a restore that cannot read a state says which state of which operator. Set once,
   * before states register.
   */
  default void setOwnerDescription(String operator) {}

  /**
   * The store of the operator's timers of {@code domain} ({@link KeyGroupedTimerStore#EVENT_TIME} or
   * {@link KeyGroupedTimerStore#PROCESSING_TIME}) if this backend keeps timers with its keyed state
   * (RocksDB unless {@code state.backend.rocksdb.timer-service.factory: heap}): they are then part of
   * its snapshots, taken and written as the rest of its state is, with the serializer snapshot of
   * this backend's keys, {@code namespaces} and long timestamps. Null if the timer service keeps its
   * timers on the heap and snapshots them itself.
   *
   * @throws IllegalStateException if restored timers were written with keys or namespaces these
   *     serializers cannot read (naming the operator and the difference)
   */
  default KeyGroupedTimerStore timerStore(String domain, TypeSerializer<?> namespaces) {
    return null;
  }

  /**
   * Hands over, once, the timers of {@code domain} that a restore put into the backend's own storage
   * although it now keeps none there (a RocksDB checkpoint of timers in RocksDB restored with heap
   * timers), and forgets them; each with its key group.
   */
  default void takeRestoredTimers(String domain,
      java.util.function.ObjIntConsumer<KeyGroupedTimerStore.Entry> timers) {}

  /** A record is being processed (time-to-live cleanup that runs for every record hooks in here). */
  default void onRecord() {}

  /**
   * Lets the backend run periodic work on the subtask's thread (the RocksDB backend's scan for
   * expired time-to-live values); set once, before states register.
   */
  default void setCleanupScheduler(CleanupScheduler scheduler) {}

  /** Runs a step of cleanup on the subtask's thread after a delay. */
  @FunctionalInterface
  interface CleanupScheduler {
    void schedule(long delayMillis, Runnable step);
  }

  /** The processing-time clock that state time-to-live uses (by default the system clock). */
  default void setTtlTimeProvider(java.util.function.LongSupplier clock) {}

  /** The number of (key, namespace) entries over all states: a measure of state size for tests and metrics. */
  int numKeyValueStateEntries();

  @Override
  void close();
}
