package io.nagare.security;

/**
 * A class loader over a job's jar that this process received (a job manager's or task manager's
 * class loader of a submitted job): Java deserialization with it only creates classes its
 * {@link #allowList()} accepts, and the loader's own classes. Deserialization with any other class
 * loader reads bytes the process produced itself (a local execution) and is only bounded.
 */
public interface ReceivedCodeClassLoader {
  /** The classes deserialization with this loader may create besides the loader's own. */
  ClassAllowList allowList();
}
