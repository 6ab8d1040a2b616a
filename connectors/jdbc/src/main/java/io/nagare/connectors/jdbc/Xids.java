package io.nagare.connectors.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.Set;
import javax.transaction.xa.Xid;

/**
 * The XA transaction ids of exactly-once JDBC sinks. Each names one transaction of one subtask of
 * one sink in one run:
 *
 * <ul>
 *   <li>format id {@value #FORMAT_ID} ("ngjd"): a nagare JDBC sink's;
 *   <li>global transaction id, 20 bytes: the subtask (int), a random id of the writer (long, new
 *       for every writer, so ids never repeat across restarts and runs) and the transaction's
 *       number in that writer (long, one transaction per checkpoint);
 *   <li>branch qualifier: the sink's prefix, UTF-8, 1 to 64 bytes (by default the job's name and
 *       the sink's, see {@link #defaultPrefix}).
 * </ul>
 *
 * After a restart, a writer recognises the transactions of its sink by the format id and prefix,
 * and those it is responsible for by the subtask.
 */
final class Xids {
  static final int FORMAT_ID = 0x6E676A64;
  static final int MAX_PREFIX_BYTES = Xid.MAXBQUALSIZE;
  private static final int GTRID_BYTES = 4 + 8 + 8;
  private static final int READABLE_BYTES = 44;

  private Xids() {}

  /** The id of transaction {@code sequence} of writer {@code writerId} of {@code subtask} of the sink with {@code prefix}. */
  static JdbcXid create(byte[] prefix, int subtask, long writerId, long sequence) {
    byte[] gtrid = ByteBuffer.allocate(GTRID_BYTES).putInt(subtask).putLong(writerId).putLong(sequence).array();
    return new JdbcXid(FORMAT_ID, gtrid, prefix);
  }

  /** The subtask of {@code xid} if it is a transaction of a sink with one of {@code prefixes}, else empty. */
  static OptionalInt subtaskOf(Xid xid, Set<String> prefixes) {
    byte[] gtrid = xid.getGlobalTransactionId();
    if (xid.getFormatId() != FORMAT_ID || gtrid == null || gtrid.length != GTRID_BYTES
        || xid.getBranchQualifier() == null) {
      return OptionalInt.empty();
    }
    String prefix = new String(xid.getBranchQualifier(), StandardCharsets.UTF_8);
    if (!prefixes.contains(prefix) || !Arrays.equals(prefix.getBytes(StandardCharsets.UTF_8), xid.getBranchQualifier())) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(ByteBuffer.wrap(gtrid).getInt());
  }

  /** "'prefix' subtask 2, writer 6c1f9a2b3d4e5f60, transaction 5", for messages. */
  static String describe(Xid xid) {
    byte[] gtrid = xid.getGlobalTransactionId();
    String prefix = new String(xid.getBranchQualifier(), StandardCharsets.UTF_8);
    if (xid.getFormatId() != FORMAT_ID || gtrid.length != GTRID_BYTES) {
      return "XA transaction " + xid.getFormatId() + "/" + HexFormat.of().formatHex(gtrid) + "/" + prefix;
    }
    ByteBuffer b = ByteBuffer.wrap(gtrid);
    int subtask = b.getInt();
    long writer = b.getLong();
    long sequence = b.getLong();
    return "XA transaction '" + prefix + "' subtask " + (subtask + 1) + ", writer " + HexFormat.of().toHexDigits(writer)
        + ", transaction " + sequence;
  }

  /** Whether {@code prefix} fits into a branch qualifier: 1 to 64 bytes in UTF-8. */
  static boolean fits(String prefix) {
    int bytes = prefix.getBytes(StandardCharsets.UTF_8).length;
    return bytes >= 1 && bytes <= MAX_PREFIX_BYTES;
  }

  /**
   * {@code <job name>/<sink name>}; if that is longer than 64 bytes, its first 44 bytes (whole
   * characters), '~' and 16 hex digits of its SHA-256, so that it stays unique and recognisable.
   */
  static String defaultPrefix(String jobName, String operatorName) {
    String full = jobName + "/" + operatorName;
    if (fits(full)) {
      return full;
    }
    StringBuilder readable = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < full.length(); ) {
      int cp = full.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > READABLE_BYTES) {
        break;
      }
      readable.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(full.getBytes(StandardCharsets.UTF_8));
      return readable + "~" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-256, which every Java platform must have", e);
    }
  }
}
