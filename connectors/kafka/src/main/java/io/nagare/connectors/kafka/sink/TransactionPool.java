package io.nagare.connectors.kafka.sink;

import io.nagare.connectors.kafka.internal.AdminCalls;
import io.nagare.connectors.kafka.internal.ProducerInternals;
import io.nagare.connectors.kafka.internal.TransactionalIds;
import io.nagare.connectors.kafka.security.KafkaTokenAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.ProducerIdAndEpoch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional ids of one subtask of an exactly-once {@link KafkaSink}, their producers and
 * where each id's transaction stands; shared by the subtask's writer and committer (both run on
 * the subtask's thread, which owns everything here; only {@link #pendingTransactions()} is read by
 * metric reporters).
 *
 * <p>The pool has {@code poolSize} slots, {@code <prefix>-<subtask>-<n>} for {@code n} in {@code
 * [0, poolSize)}, each with at most one producer ({@code initTransactions} called once, when the
 * slot is first used). A slot goes FREE → OPEN (a transaction takes records) → PRECOMMITTED
 * (flushed at a barrier, its committable in that checkpoint) → FREE once committed.
 *
 * <p>With transactions V2 (KIP-890, the default of Kafka 4 clusters) the broker bumps the epoch
 * when it ends a transaction, so every transaction of an id has an epoch of its own and the id is
 * free again as soon as its transaction is committed: a restore that commits the old committable
 * again is then told the id has moved on. With transactions V1 the next transaction of the same
 * producer keeps the epoch, and a restore from a checkpoint still holding the old committable would
 * commit the newer transaction instead; there a committed id goes COMMITTED and is FREE again only
 * when a checkpoint whose barrier passed <em>after</em> the commit completes, since a restore then
 * picks that checkpoint or a later one, none of which holds the old committable.
 */
final class TransactionPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionPool.class);
  private static final Duration GRACEFUL_CLOSE = Duration.ofSeconds(5);

  enum Phase { FREE, OPEN, PRECOMMITTED, COMMITTED }

  /** One transactional id and its producer. */
  static final class Slot {
    final int n;
    final String transactionalId;
    KafkaProducer<byte[], byte[]> producer;
    Phase phase = Phase.FREE;
    /** The producer id and epoch of the pre-committed transaction. */
    ProducerIdAndEpoch precommitted;
    /** The checkpoint whose barrier pre-committed the transaction; -1 until known. */
    long checkpointId = -1;
    /** The last checkpoint whose barrier had passed when the transaction was committed. */
    long committedAfterCheckpoint = -1;

    Slot(int n, String transactionalId) {
      this.n = n;
      this.transactionalId = transactionalId;
    }
  }

  private final Properties producerConfig;
  private final String prefix;
  private final int subtask;
  private final int parallelism;
  private final int attempt;
  private final List<Slot> slots = new ArrayList<>();
  private final String bootstrapServers;

  private AdminCalls admin;
  private Boolean transactionV2;
  private long lastBarrierCheckpointId = -1;
  private volatile int pending;
  private int references;

  TransactionPool(Properties producerConfig, String prefix, int poolSize, int subtask, int parallelism, int attempt) {
    this.producerConfig = producerConfig;
    this.prefix = prefix;
    this.subtask = subtask;
    this.parallelism = parallelism;
    this.attempt = attempt;
    this.bootstrapServers = producerConfig.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    for (int n = 0; n < poolSize; n++) {
      slots.add(new Slot(n, TransactionalIds.of(prefix, subtask, n)));
    }
  }

  int attempt() {
    return attempt;
  }

  void retain() {
    references++;
  }

  /** Drops one user; the last one closes the pool. Returns true if it did. */
  boolean release() {
    references--;
    if (references <= 0) {
      close();
      return true;
    }
    return false;
  }

  /** Pre-committed transactions not yet committed, and (transactions V1) committed ones whose id cannot be reused yet. */
  int pendingTransactions() {
    return pending;
  }

  AdminCalls admin() {
    if (admin == null) {
      admin = AdminCalls.open(producerConfig);
    }
    return admin;
  }

  /** Whether the cluster runs transactions V2 (asked once). */
  boolean transactionV2() {
    if (transactionV2 == null) {
      transactionV2 = admin().transactionVersion() >= 2;
    }
    return transactionV2;
  }

  /** A FREE slot with an initialised producer, its transaction begun; fails naming the pool setting if every id is in use. */
  Slot beginTransaction() {
    Slot slot = null;
    for (Slot s : slots) {
      if (s.phase == Phase.FREE && (slot == null || (slot.producer == null && s.producer != null))) {
        slot = s;
      }
    }
    if (slot == null) {
      throw new IllegalStateException(exhaustedMessage());
    }
    ensureProducer(slot);
    slot.producer.beginTransaction();
    slot.phase = Phase.OPEN;
    return slot;
  }

  /** Any producer of the pool, for metadata; initialises one if none is. */
  KafkaProducer<byte[], byte[]> anyProducer() {
    for (Slot s : slots) {
      if (s.producer != null) {
        return s.producer;
      }
    }
    for (Slot s : slots) {
      if (s.phase == Phase.FREE) {
        ensureProducer(s);
        return s.producer;
      }
    }
    throw new IllegalStateException(exhaustedMessage());
  }

  /** The open transaction is flushed and will be committed by the committable returned. */
  KafkaCommittable precommit(Slot slot, long barrierCheckpointId) {
    ProducerIdAndEpoch ids = ProducerInternals.producerIdAndEpoch(slot.producer);
    slot.phase = Phase.PRECOMMITTED;
    slot.precommitted = ids;
    slot.checkpointId = barrierCheckpointId;
    updatePending();
    return new KafkaCommittable(slot.transactionalId, ids.producerId, ids.epoch);
  }

  /** The slot whose producer pre-committed {@code committable}, or null (after a restore: another process did). */
  Slot precommitted(KafkaCommittable committable) {
    for (Slot s : slots) {
      if (s.phase == Phase.PRECOMMITTED && s.transactionalId.equals(committable.transactionalId())
          && s.precommitted.producerId == committable.producerId() && s.precommitted.epoch == committable.epoch()) {
        return s;
      }
    }
    return null;
  }

  void committed(Slot slot) {
    slot.phase = transactionV2() ? Phase.FREE : Phase.COMMITTED;
    slot.committedAfterCheckpoint = lastBarrierCheckpointId;
    slot.precommitted = null;
    updatePending();
  }

  /** The slot's producer failed beyond repair: it is closed and the slot starts afresh. */
  void discard(Slot slot) {
    if (slot.producer != null) {
      closeQuietly(slot.producer, Duration.ZERO, slot.transactionalId);
      slot.producer = null;
    }
    slot.phase = Phase.FREE;
    slot.precommitted = null;
    updatePending();
  }

  /** The barrier of {@code checkpointId} passed: pre-committed transactions without a checkpoint id get this one. */
  void barrier(long checkpointId) {
    lastBarrierCheckpointId = checkpointId;
    for (Slot s : slots) {
      if (s.phase == Phase.PRECOMMITTED && s.checkpointId < 0) {
        s.checkpointId = checkpointId;
      }
    }
  }

  void restoredFrom(long checkpointId) {
    lastBarrierCheckpointId = checkpointId;
  }

  /** Checkpoint {@code checkpointId} is complete (and its transactions committed): ids committed before its barrier are free again. */
  void checkpointComplete(long checkpointId) {
    for (Slot s : slots) {
      if (s.phase == Phase.COMMITTED && s.committedAfterCheckpoint < checkpointId) {
        s.phase = Phase.FREE;
      }
    }
    updatePending();
  }

  /** A producer for {@code transactionalId} that the caller owns and closes (for commits after a restore). */
  KafkaProducer<byte[], byte[]> newProducer(String transactionalId) {
    Properties props = new Properties();
    props.putAll(producerConfig);
    props.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    KafkaTokenAuth.apply(props);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private void ensureProducer(Slot slot) {
    if (slot.producer != null) {
      return;
    }
    KafkaProducer<byte[], byte[]> producer = newProducer(slot.transactionalId);
    try {
      producer.initTransactions();
    } catch (TimeoutException e) {
      closeQuietly(producer, Duration.ZERO, slot.transactionalId);
      throw new KafkaException("Kafka at " + bootstrapServers + " did not answer within "
          + producerConfig.getProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000")
          + " ms (max.block.ms) while starting the transactional producer " + slot.transactionalId
          + ": check bootstrap.servers and that the brokers are up", e);
    } catch (RuntimeException e) {
      closeQuietly(producer, Duration.ZERO, slot.transactionalId);
      throw new KafkaException("Could not start the transactional producer " + slot.transactionalId
          + " at " + bootstrapServers + ": " + e.getMessage(), e);
    }
    slot.producer = producer;
  }

  private void updatePending() {
    int count = 0;
    for (Slot s : slots) {
      if (s.phase == Phase.PRECOMMITTED || s.phase == Phase.COMMITTED) {
        count++;
      }
    }
    pending = count;
  }

  private String exhaustedMessage() {
    String precommitted = slots.stream().filter(s -> s.phase == Phase.PRECOMMITTED)
        .map(s -> s.checkpointId < 0 ? "(unknown)" : Long.toString(s.checkpointId))
        .collect(Collectors.joining(", "));
    String committed = slots.stream().filter(s -> s.phase == Phase.COMMITTED)
        .map(s -> Long.toString(s.committedAfterCheckpoint))
        .collect(Collectors.joining(", "));
    return "All " + slots.size() + " transactional ids of Kafka sink subtask " + (subtask + 1) + "/" + parallelism
        + " (" + TransactionalIds.of(prefix, subtask, 0) + " to " + TransactionalIds.of(prefix, subtask, slots.size() - 1)
        + ") are in use: transactions pre-committed at checkpoints [" + precommitted
        + "] wait for those checkpoints to complete"
        + (committed.isEmpty() ? "" : ", and ids committed after checkpoints [" + committed
            + "] wait for a later checkpoint to complete before they are reused")
        + ". Checkpoints are not completing (or their completion is late): look at the job's failed checkpoints,"
        + " or raise the pool with KafkaSink.builder().setTransactionalIdPoolSize(..) (now " + slots.size() + ")";
  }

  @Override
  public void close() {
    for (Slot s : slots) {
      if (s.producer != null) {
        // A pre-committed transaction must outlive this process (a restore commits it); an open one
        // is in no checkpoint, so a graceful close aborts it and unblocks read_committed readers.
        Duration timeout = s.phase == Phase.PRECOMMITTED ? Duration.ZERO : GRACEFUL_CLOSE;
        closeQuietly(s.producer, timeout, s.transactionalId);
        s.producer = null;
      }
    }
    if (admin != null) {
      admin.close();
      admin = null;
    }
  }

  private static void closeQuietly(KafkaProducer<?, ?> producer, Duration timeout, String transactionalId) {
    try {
      producer.close(timeout);
    } catch (RuntimeException e) {
      LOG.warn("Closing the Kafka producer of {} failed", transactionalId, e);
    }
  }
}
