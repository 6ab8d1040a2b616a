package io.nagare.runtime.checkpoint;

import java.util.List;

/** What a completed checkpoint's {@code _metadata} says: its id, when it started, and every subtask's state file. */
public record CheckpointMetadata(long checkpointId, long timestamp, List<TaskStateHandle> states) {}
