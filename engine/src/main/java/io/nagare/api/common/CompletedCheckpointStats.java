package io.nagare.api.common;

/**
 * One completed checkpoint: its id, how long it took from trigger to completion, the bytes it wrote
 * (subtask states and newly uploaded shared files), and the bytes of every file it references
 * (what a full snapshot of the same state would have written).
 */
public record CompletedCheckpointStats(long id, long durationMillis, long uploadedBytes, long fullBytes) {}
