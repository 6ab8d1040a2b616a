package io.nagare.runtime.checkpoint;

/** Where one subtask's state of one checkpoint was written, and how many bytes. Immutable. */
public record TaskStateHandle(int vertexId, int subtaskIndex, String path, long size) {}
