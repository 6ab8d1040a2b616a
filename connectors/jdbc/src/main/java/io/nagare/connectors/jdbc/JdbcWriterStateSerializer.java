package io.nagare.connectors.jdbc;

import io.nagare.api.source.SimpleVersionedSerializer;
import java.nio.charset.StandardCharsets;
import java.io.IOException;

/** Writes {@link JdbcWriterState}s into checkpoints. Version 1: the prefix in UTF-8, nothing else. */
final class JdbcWriterStateSerializer implements SimpleVersionedSerializer<JdbcWriterState> {
  private static final long serialVersionUID = 1L;
  static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(JdbcWriterState state) {
    return state.transactionIdPrefix().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public JdbcWriterState deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException("Unknown version " + version + " of a JDBC sink writer state (this nagare reads version " + VERSION + ")");
    }
    return new JdbcWriterState(new String(serialized, StandardCharsets.UTF_8));
  }
}
