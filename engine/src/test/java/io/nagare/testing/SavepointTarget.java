package io.nagare.testing;

import io.nagare.state.SnapshotTarget;
import java.nio.file.Path;

/** The target of a savepoint in tests: self-contained, so nothing may be uploaded or referenced. */
public enum SavepointTarget implements SnapshotTarget {
  INSTANCE;

  @Override
  public boolean isSavepoint() {
    return true;
  }

  @Override
  public boolean isShared(String path) {
    return false;
  }

  @Override
  public String upload(Path localFile) {
    throw new AssertionError("A savepoint uploaded " + localFile);
  }

  @Override
  public void reference(String path, long size) {
    throw new AssertionError("A savepoint referenced " + path);
  }
}
