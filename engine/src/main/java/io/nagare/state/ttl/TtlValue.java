package io.nagare.state.ttl;

/** A state value with the processing time it was last written (or read), for state with a time-to-live. */
public record TtlValue<V>(V value, long lastAccess) {}
