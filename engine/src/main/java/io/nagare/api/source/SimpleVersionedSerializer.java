package io.nagare.api.source;

import java.io.IOException;
import java.io.Serializable;

/**
 * Serializes objects (splits, enumerator checkpoints) with a format version, so a newer reader can
 * still read what an older version wrote into a checkpoint.
 */
public interface SimpleVersionedSerializer<E> extends Serializable {
  int getVersion();

  byte[] serialize(E obj) throws IOException;

  E deserialize(int version, byte[] serialized) throws IOException;
}
