package io.nagare.runtime.operators;

import io.nagare.api.common.Accumulator;
import io.nagare.api.configuration.Configuration;
import io.nagare.metrics.GenericMetricGroup;
import io.nagare.runtime.mailbox.MailboxExecutor;
import io.nagare.runtime.timers.ProcessingTimeService;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyedStateBackendFactory;
import io.nagare.state.SharedUploader;
import java.util.Map;

/**
 * Everything an operator gets from the subtask that runs it: who it is, its metrics, its clock, the
 * subtask's mailbox, accumulators, and how to create keyed state. One per operator; used on the
 * subtask's thread.
 */
public final class OperatorContext {
  private SharedUploader sharedUploader;
  private String jobName = "(unnamed job)";
  private Configuration jobConfiguration = new Configuration();
  private boolean checkpointingEnabled;
  private final String operatorName;
  private final String operatorId;
  private final TaskInfoImpl taskInfo;
  private final GenericMetricGroup metricGroup;
  private final ProcessingTimeService processingTimeService;
  private final MailboxExecutor mailbox;
  private final ClassLoader userClassLoader;
  private final Map<String, Accumulator<?, ?>> accumulators;
  private final KeyedStateBackendFactory stateBackendFactory;
  private final KeyGroupRange keyGroupRange;

  public OperatorContext(String operatorName, String operatorId, TaskInfoImpl taskInfo, GenericMetricGroup metricGroup,
      ProcessingTimeService processingTimeService, MailboxExecutor mailbox, ClassLoader userClassLoader,
      Map<String, Accumulator<?, ?>> accumulators, KeyedStateBackendFactory stateBackendFactory,
      KeyGroupRange keyGroupRange) {
    this.operatorName = operatorName;
    this.operatorId = operatorId;
    this.taskInfo = taskInfo;
    this.metricGroup = metricGroup;
    this.processingTimeService = processingTimeService;
    this.mailbox = mailbox;
    this.userClassLoader = userClassLoader;
    this.accumulators = accumulators;
    this.stateBackendFactory = stateBackendFactory;
    this.keyGroupRange = keyGroupRange;
  }

  public String operatorName() {
    return operatorName;
  }

  public String operatorId() {
    return operatorId;
  }

  public TaskInfoImpl taskInfo() {
    return taskInfo;
  }

  public GenericMetricGroup metricGroup() {
    return metricGroup;
  }

  public ProcessingTimeService processingTimeService() {
    return processingTimeService;
  }

  public MailboxExecutor mailbox() {
    return mailbox;
  }

  public ClassLoader userClassLoader() {
    return userClassLoader;
  }

  /** The subtask's accumulators, shared by the operators of its chain. */
  public Map<String, Accumulator<?, ?>> accumulators() {
    return accumulators;
  }

  public KeyedStateBackendFactory stateBackendFactory() {
    return stateBackendFactory;
  }

  /** The key groups this subtask owns. */
  /** Where the job's checkpoints keep shared files, or null if it takes no checkpoints. */
  public SharedUploader sharedUploader() {
    return sharedUploader;
  }

  /** Names the job the operator runs in and gives its configuration (before the operator opens). */
  public void setJob(String jobName, Configuration jobConfiguration) {
    this.jobName = jobName;
    this.jobConfiguration = jobConfiguration;
  }

  public String jobName() {
    return jobName;
  }

  public Configuration jobConfiguration() {
    return jobConfiguration;
  }

  /** Says whether the job checkpoints periodically (see {@link #checkpointingEnabled()}); before the operator opens. */
  public void setCheckpointingEnabled(boolean enabled) {
    this.checkpointingEnabled = enabled;
  }

  /**
   * True if the job checkpoints periodically: then the subtask's end of input is followed by a
   * checkpoint holding its final state, whose completion ({@code notifyCheckpointComplete} with an
   * id above every checkpoint the operator snapshotted) is when a sink commits its last output.
   */
  public boolean checkpointingEnabled() {
    return checkpointingEnabled;
  }

  /** Sets where checkpoints keep shared files (before the operator opens). */
  public void setSharedUploader(SharedUploader sharedUploader) {
    this.sharedUploader = sharedUploader;
  }

  public KeyGroupRange keyGroupRange() {
    return keyGroupRange;
  }
}
