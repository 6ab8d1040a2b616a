package io.nagare.connectors.kafka.internal;

import java.lang.reflect.Field;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.ProducerIdAndEpoch;

/**
 * The two things an exactly-once sink needs from a transactional {@link KafkaProducer} that
 * kafka-clients offers no public API for (KIP-939, which would have added one, did not make 4.1):
 * reading the producer id and epoch of the transaction in progress, and <em>resuming</em> a
 * transaction that an earlier producer instance (perhaps in an earlier process) began and
 * flushed, so that this producer can commit it.
 *
 * <p>Both work on the producer's private {@code TransactionManager} through reflection, and are
 * verified against kafka-clients {@value #VERIFIED_VERSION} only: {@link #verifySupported()}
 * refuses any other version, so a job with a different kafka-clients fails when its sink starts,
 * not at its first restore. Changing the version means re-reading {@code TransactionManager} and
 * re-running {@code ProducerInternalsTest} against a real broker.
 *
 * <h2>How a transaction is resumed</h2>
 *
 * A committable records the transactional id, producer id and epoch the transaction ran under.
 * A new producer with that transactional id, on which {@code initTransactions} is <em>not</em>
 * called (it would fence the old epoch and abort the transaction), gets its transaction manager set
 * to what the original producer had after {@code flush}: that producer id and epoch, state
 * {@code IN_TRANSACTION}, a transaction marked as started (so {@code EndTxn} is really sent), and
 * the transaction protocol version of the cluster. {@link KafkaProducer#commitTransaction()} then
 * sends {@code EndTxn(commit)} with that id and epoch. The coordinator decides:
 *
 * <ul>
 *   <li>the transaction is still open: it is committed;
 *   <li>transactions V2 (KIP-890, the default of Kafka 4 clusters), the transaction was committed
 *       already: the coordinator recognises a retry (its epoch is ours plus one) and answers
 *       success;
 *   <li>it was aborted (timed out, or fenced): {@code INVALID_TXN_STATE} or {@code
 *       PRODUCER_FENCED}; the caller tells the cases apart (see {@code KafkaCommitter}).
 * </ul>
 *
 * A producer used for a resumed commit is closed afterwards and never reused: under transactions
 * V1 its sequence numbers would not match what the broker has for that epoch.
 *
 * <p>Thread: call these methods on the thread that uses the producer, never while another thread
 * calls it.
 */
public final class ProducerInternals {
  /** The kafka-clients version whose {@code TransactionManager} these methods were written and tested against. */
  public static final String VERIFIED_VERSION = "4.1.1";

  private static final Set<String> SUPPORTED_VERSIONS = Set.of(VERIFIED_VERSION);

  private static final Reflection REFLECTION = Reflection.load();

  private ProducerInternals() {}

  /**
   * Fails, naming both versions, if the kafka-clients on the classpath is not the verified one or
   * its transaction manager is not shaped as expected.
   */
  public static void verifySupported() {
    REFLECTION.requireAvailable();
  }

  /** The producer id and epoch of {@code producer}'s current transaction (after {@code initTransactions}). */
  public static ProducerIdAndEpoch producerIdAndEpoch(KafkaProducer<?, ?> producer) {
    REFLECTION.requireAvailable();
    try {
      return (ProducerIdAndEpoch) REFLECTION.producerIdAndEpoch.get(transactionManager(producer));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read the producer id of a Kafka producer", e);
    }
  }

  /**
   * Makes {@code producer} (transactional, {@code initTransactions} never called, nothing sent)
   * continue the transaction of {@code producerId} and {@code epoch}, so that its {@code
   * commitTransaction()} commits it.
   *
   * @param transactionV2 whether the cluster's finalized {@code transaction.version} is 2 or more
   */
  public static void resumeTransaction(KafkaProducer<?, ?> producer, long producerId, short epoch,
      boolean transactionV2) {
    REFLECTION.requireAvailable();
    Object tm = transactionManager(producer);
    try {
      synchronized (tm) {
        Object state = REFLECTION.currentState.get(tm);
        if (!"UNINITIALIZED".equals(((Enum<?>) state).name())) {
          throw new IllegalStateException("Only a fresh producer can resume a transaction; this one is " + state);
        }
        REFLECTION.isTransactionV2Enabled.setBoolean(tm, transactionV2);
        REFLECTION.producerIdAndEpoch.set(tm, new ProducerIdAndEpoch(producerId, epoch));
        REFLECTION.transactionStarted.setBoolean(tm, true);
        REFLECTION.currentState.set(tm, REFLECTION.inTransaction);
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot resume a Kafka transaction", e);
    }
  }

  private static Object transactionManager(KafkaProducer<?, ?> producer) {
    try {
      Object tm = REFLECTION.transactionManager.get(producer);
      if (tm == null) {
        throw new IllegalArgumentException("The Kafka producer is not transactional (no transactional.id)");
      }
      return tm;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot reach the transaction manager of a Kafka producer", e);
    }
  }

  /** The reflective handles, looked up once; {@link #failure} says why they are unusable, if they are. */
  private static final class Reflection {
    final Field transactionManager;
    final Field producerIdAndEpoch;
    final Field currentState;
    final Field transactionStarted;
    final Field isTransactionV2Enabled;
    final Object inTransaction;
    final String failure;

    private Reflection(Field transactionManager, Field producerIdAndEpoch, Field currentState,
        Field transactionStarted, Field isTransactionV2Enabled, Object inTransaction, String failure) {
      this.transactionManager = transactionManager;
      this.producerIdAndEpoch = producerIdAndEpoch;
      this.currentState = currentState;
      this.transactionStarted = transactionStarted;
      this.isTransactionV2Enabled = isTransactionV2Enabled;
      this.inTransaction = inTransaction;
      this.failure = failure;
    }

    static Reflection load() {
      String version = AppInfoParser.getVersion();
      if (!SUPPORTED_VERSIONS.contains(version)) {
        return failed("nagare's exactly-once Kafka sink needs kafka-clients " + VERIFIED_VERSION
            + " (it resumes transactions through that version's internals), but the job has kafka-clients "
            + version + ": use kafka-clients " + VERIFIED_VERSION + " in the job jar");
      }
      try {
        Field tmField = field(KafkaProducer.class, "transactionManager");
        Class<?> tm = tmField.getType();
        Field state = field(tm, "currentState");
        Object inTransaction = null;
        for (Object constant : state.getType().getEnumConstants()) {
          if ("IN_TRANSACTION".equals(((Enum<?>) constant).name())) {
            inTransaction = constant;
          }
        }
        if (inTransaction == null) {
          return failed("kafka-clients " + version + " has no transaction state IN_TRANSACTION");
        }
        Field pidAndEpoch = field(tm, "producerIdAndEpoch");
        if (pidAndEpoch.getType() != ProducerIdAndEpoch.class) {
          return failed("kafka-clients " + version + " keeps the producer id in a " + pidAndEpoch.getType());
        }
        return new Reflection(tmField, pidAndEpoch, state, field(tm, "transactionStarted"),
            field(tm, "isTransactionV2Enabled"), inTransaction, null);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return failed("kafka-clients " + version + " is not shaped as nagare's Kafka sink expects (" + e + ")");
      }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
      Field f = type.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    }

    private static Reflection failed(String why) {
      return new Reflection(null, null, null, null, null, null, why);
    }

    void requireAvailable() {
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
    }
  }
}
