package io.nagare.api.functions;

import java.io.Serializable;

/**
 * Marker for every user function. Functions are serialisable because the plan ships them to the
 * subtasks that run them: each parallel subtask works on its own copy, so a function's fields are
 * never shared between threads.
 */
public interface Function extends Serializable {}
