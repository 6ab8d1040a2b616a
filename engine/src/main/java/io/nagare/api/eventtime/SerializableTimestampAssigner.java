package io.nagare.api.eventtime;

import java.io.Serializable;

/** A {@link TimestampAssigner} that ships inside the plan, so a lambda can be one. */
@FunctionalInterface
public interface SerializableTimestampAssigner<T> extends TimestampAssigner<T>, Serializable {}
