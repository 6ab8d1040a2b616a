package io.nagare.network;

/**
 * Names one subpartition on a task manager: what one consumer subtask reads from one producer
 * subtask of a job's attempt. Immutable.
 *
 * @param job the job's id and attempt, so a restarted job never reads its predecessor's data
 * @param output which output of the producer (its job edge)
 * @param subtask the producing subtask's index
 * @param subpartition the consumer's channel index at the producer
 */
public record PartitionId(String job, int output, int subtask, int subpartition) {}
