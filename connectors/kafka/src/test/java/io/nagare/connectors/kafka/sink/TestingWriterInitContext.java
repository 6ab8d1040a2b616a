package io.nagare.connectors.kafka.sink;

import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.operators.ProcessingTimeService;
import io.nagare.connectors.kafka.testing.TestingMetricGroup;
import java.util.ArrayDeque;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * The context of one simulated sink subtask. Mails handed to its mailbox executor (from any
 * thread) wait until the test runs them with {@link #runMails()}, as the subtask's thread would.
 */
final class TestingWriterInitContext implements WriterInitContext {
  private final int subtask;
  private final int parallelism;
  private final int attempt;
  private final OptionalLong restoredCheckpointId;
  private final TestingMetricGroup metrics = new TestingMetricGroup();
  private final Queue<Runnable> mails = new ArrayDeque<>();

  TestingWriterInitContext(int subtask, int parallelism, int attempt, OptionalLong restoredCheckpointId) {
    this.subtask = subtask;
    this.parallelism = parallelism;
    this.attempt = attempt;
    this.restoredCheckpointId = restoredCheckpointId;
  }

  TestingWriterInitContext(int subtask, int parallelism) {
    this(subtask, parallelism, 0, OptionalLong.empty());
  }

  @Override
  public int getSubtaskId() {
    return subtask;
  }

  @Override
  public int getNumberOfParallelSubtasks() {
    return parallelism;
  }

  @Override
  public int getAttemptNumber() {
    return attempt;
  }

  @Override
  public MetricGroup metricGroup() {
    return metrics;
  }

  TestingMetricGroup metrics() {
    return metrics;
  }

  @Override
  public OptionalLong getRestoredCheckpointId() {
    return restoredCheckpointId;
  }

  @Override
  public ProcessingTimeService getProcessingTimeService() {
    throw new UnsupportedOperationException("the Kafka sink uses no timers");
  }

  @Override
  public Executor getMailboxExecutor() {
    return mail -> {
      synchronized (mails) {
        mails.add(mail);
      }
    };
  }

  /** Runs the mails handed over so far on the calling thread; the first that throws, throws. */
  void runMails() {
    while (true) {
      Runnable mail;
      synchronized (mails) {
        mail = mails.poll();
      }
      if (mail == null) {
        return;
      }
      mail.run();
    }
  }

  int pendingMails() {
    synchronized (mails) {
      return mails.size();
    }
  }

  @Override
  public ClassLoader getUserCodeClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public String getJobName() {
    return "test job";
  }

  @Override
  public String getOperatorName() {
    return "to Kafka";
  }
}
