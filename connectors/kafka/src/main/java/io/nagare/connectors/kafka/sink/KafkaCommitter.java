package io.nagare.connectors.kafka.sink;

import io.nagare.api.connector.sink2.Committer;
import io.nagare.connectors.kafka.internal.AdminCalls;
import io.nagare.connectors.kafka.internal.ProducerInternals;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the pre-committed transactions of an exactly-once {@link KafkaSink} on one subtask.
 *
 * <p>A transaction pre-committed by this subtask's own writer is committed by the producer that
 * wrote it, which then takes the next transaction. Any other committable (restored from a
 * checkpoint, perhaps of another subtask before a rescale) is committed by a fresh producer that
 * resumes the transaction ({@link ProducerInternals#resumeTransaction}) and is closed afterwards.
 * The broker's answer decides the outcome:
 *
 * <ul>
 *   <li>success: committed now, or (transactions V2) recognised as committed before;
 *   <li>{@code INVALID_TXN_STATE}: the broker aborted the transaction (it outlived {@code
 *       transaction.timeout.ms}): the job fails, naming the id and the timeout, because its
 *       records are lost;
 *   <li>{@code PRODUCER_FENCED}: the id has moved on since. A writer re-initialises or reuses an
 *       id only after its transaction was committed, so this means committed, unless the
 *       coordinator shows the id aborted right after our epoch, which means the broker aborted it.
 * </ul>
 *
 * A cluster that does not answer within {@code max.block.ms} makes a commit retry later, three
 * times, then fail naming the bootstrap servers.
 */
final class KafkaCommitter implements Committer<KafkaCommittable> {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCommitter.class);
  static final int MAX_RETRIES = 3;

  private final TransactionPool pool;
  private final Runnable release;
  private final String bootstrapServers;
  private final long transactionTimeoutMs;
  private final String subtaskName;

  KafkaCommitter(TransactionPool pool, Runnable release, String bootstrapServers, long transactionTimeoutMs,
      int subtask, int parallelism) {
    this.pool = pool;
    this.release = release;
    this.bootstrapServers = bootstrapServers;
    this.transactionTimeoutMs = transactionTimeoutMs;
    this.subtaskName = "Kafka sink subtask " + (subtask + 1) + "/" + parallelism;
  }

  @Override
  public void commit(Collection<CommitRequest<KafkaCommittable>> requests) {
    for (CommitRequest<KafkaCommittable> request : requests) {
      TransactionPool.Slot own = pool.precommitted(request.getCommittable());
      if (own != null) {
        commitOwn(own, request);
      } else {
        commitResumed(request);
      }
    }
  }

  private void commitOwn(TransactionPool.Slot slot, CommitRequest<KafkaCommittable> request) {
    KafkaCommittable c = request.getCommittable();
    try {
      slot.producer.commitTransaction();
      pool.committed(slot);
    } catch (TimeoutException e) {
      retryOrFail(request, e);
    } catch (InvalidTxnStateException e) {
      pool.discard(slot);
      request.signalFailedWithKnownReason(new KafkaException(abortedMessage(c), e));
    } catch (ProducerFencedException e) {
      pool.discard(slot);
      request.signalFailedWithKnownReason(new KafkaException(subtaskName + " could not commit " + c
          + ": another producer took over the transactional id (PRODUCER_FENCED) before the commit."
          + " Does another job, or another sink of this job, use the same transactional id prefix?", e));
    } catch (KafkaException e) {
      pool.discard(slot);
      request.signalFailedWithUnknownReason(new KafkaException(subtaskName + " could not commit " + c + ": " + e.getMessage(), e));
    }
  }

  private void commitResumed(CommitRequest<KafkaCommittable> request) {
    KafkaCommittable c = request.getCommittable();
    KafkaProducer<byte[], byte[]> producer = null;
    Duration closeTimeout = Duration.ZERO;
    try {
      boolean transactionV2 = pool.transactionV2();
      producer = pool.newProducer(c.transactionalId());
      ProducerInternals.resumeTransaction(producer, c.producerId(), c.epoch(), transactionV2);
      producer.commitTransaction();
      closeTimeout = Duration.ofSeconds(5);
      LOG.info("{} committed {} (restored)", subtaskName, c);
    } catch (TimeoutException | AdminCalls.KafkaUnavailableException e) {
      retryOrFail(request, e);
    } catch (InvalidTxnStateException e) {
      request.signalFailedWithKnownReason(new KafkaException(abortedMessage(c), e));
    } catch (ProducerFencedException | InvalidPidMappingException e) {
      classifyMovedOn(request, e);
    } catch (KafkaException e) {
      request.signalFailedWithUnknownReason(new KafkaException(subtaskName + " could not commit " + c + ": " + e.getMessage(), e));
    } finally {
      if (producer != null) {
        producer.close(closeTimeout);
      }
    }
  }

  /** The id has a newer producer: committed before (the usual case after a second restore) or aborted by the broker. */
  private void classifyMovedOn(CommitRequest<KafkaCommittable> request, KafkaException cause) {
    KafkaCommittable c = request.getCommittable();
    TransactionDescription d;
    try {
      d = pool.admin().describeTransaction(c.transactionalId());
    } catch (AdminCalls.KafkaUnavailableException e) {
      retryOrFail(request, e);
      return;
    }
    if (d == null) {
      request.signalFailedWithKnownReason(new KafkaException(subtaskName + " could not commit " + c
          + ": Kafka at " + bootstrapServers + " no longer knows the transactional id (ids expire after"
          + " transactional.id.expiration.ms without use), so the transaction's outcome is unknown", cause));
      return;
    }
    boolean abortedRightAfterUs = d.producerId() == c.producerId() && d.producerEpoch() == c.epoch() + 1
        && (d.state() == TransactionState.COMPLETE_ABORT || d.state() == TransactionState.PREPARE_ABORT);
    if (abortedRightAfterUs) {
      request.signalFailedWithKnownReason(new KafkaException(abortedMessage(c), cause));
    } else {
      LOG.info("{}: {} was committed before (the id is now at producer id {}, epoch {}, {})",
          subtaskName, c, d.producerId(), d.producerEpoch(), d.state());
      request.signalAlreadyCommitted();
    }
  }

  private void retryOrFail(CommitRequest<KafkaCommittable> request, Exception cause) {
    if (request.getNumberOfRetries() < MAX_RETRIES) {
      LOG.warn("{} could not reach Kafka at {} to commit {}; retrying", subtaskName, bootstrapServers,
          request.getCommittable(), cause);
      request.retryLater();
    } else {
      request.signalFailedWithKnownReason(new KafkaException(subtaskName + " could not commit "
          + request.getCommittable() + ": Kafka at " + bootstrapServers + " did not answer ("
          + (MAX_RETRIES + 1) + " attempts): " + cause.getMessage(), cause));
    }
  }

  private String abortedMessage(KafkaCommittable c) {
    return "Kafka aborted transaction " + c.transactionalId() + " (producer id " + c.producerId() + ", epoch "
        + c.epoch() + ") before " + subtaskName + " could commit it, so its records are lost: it was open longer than"
        + " transaction.timeout.ms (" + transactionTimeoutMs + " ms). Raise transaction.timeout.ms (up to the brokers'"
        + " transaction.max.timeout.ms) above the longest time from a checkpoint to its completion plus the time a"
        + " restart takes";
  }

  @Override
  public void close() {
    release.run();
  }
}
