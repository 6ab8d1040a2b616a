package io.nagare.connectors.jdbc;

import io.nagare.api.source.SimpleVersionedSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import javax.transaction.xa.Xid;

/**
 * Writes {@link JdbcCommittable}s into checkpoints. Version 1, big-endian:
 *
 * <pre>
 * int     format id
 * int     length of the global transaction id (n, at most 64)
 * byte[n] global transaction id
 * int     length of the branch qualifier (m, at most 64)
 * byte[m] branch qualifier
 * </pre>
 */
final class JdbcCommittableSerializer implements SimpleVersionedSerializer<JdbcCommittable> {
  private static final long serialVersionUID = 1L;
  static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(JdbcCommittable c) throws IOException {
    Xid xid = c.xid();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(xid.getFormatId());
      writeBytes(out, xid.getGlobalTransactionId());
      writeBytes(out, xid.getBranchQualifier());
    }
    return bytes.toByteArray();
  }

  @Override
  public JdbcCommittable deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException("Unknown version " + version + " of a JDBC sink committable (this nagare reads version " + VERSION + ")");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      int formatId = in.readInt();
      byte[] gtrid = readBytes(in, "global transaction id", Xid.MAXGTRIDSIZE);
      byte[] bqual = readBytes(in, "branch qualifier", Xid.MAXBQUALSIZE);
      if (in.available() != 0) {
        throw new IOException("Corrupt JDBC sink committable: " + in.available() + " bytes after its end");
      }
      return new JdbcCommittable(new JdbcXid(formatId, gtrid, bqual));
    } catch (EOFException e) {
      throw new IOException("Corrupt JDBC sink committable: " + serialized.length + " bytes are too few", e);
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in, String what, int max) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > max) {
      throw new IOException("Corrupt JDBC sink committable: a " + what + " of " + length + " bytes (at most " + max + ")");
    }
    return in.readNBytes(length);
  }
}
