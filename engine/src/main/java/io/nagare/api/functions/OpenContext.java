package io.nagare.api.functions;

/** Passed to {@link RichFunction#open}; a placeholder for initialisation information. */
public interface OpenContext {}
