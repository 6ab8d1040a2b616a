package io.nagare.connectors.jdbc;

import java.util.Objects;
import javax.transaction.xa.Xid;

/**
 * A prepared XA transaction of an exactly-once {@link JdbcSink}: what its committer needs to commit
 * it, also in another process after a restore. It holds the transaction's id, nothing of the rows.
 */
public final class JdbcCommittable {
  private final JdbcXid xid;

  JdbcCommittable(Xid xid) {
    this.xid = JdbcXid.of(Objects.requireNonNull(xid, "xid"));
  }

  /** The id of the prepared transaction. */
  public Xid xid() {
    return xid;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JdbcCommittable c && c.xid.equals(xid);
  }

  @Override
  public int hashCode() {
    return xid.hashCode();
  }

  @Override
  public String toString() {
    return xid.toString();
  }
}
