package io.nagare.connectors.jdbc;

import java.util.Arrays;
import javax.transaction.xa.Xid;

/** An XA transaction id, compared by its contents. Immutable. See {@link Xids} for what the parts hold. */
final class JdbcXid implements Xid {
  private final int formatId;
  private final byte[] globalTransactionId;
  private final byte[] branchQualifier;

  JdbcXid(int formatId, byte[] globalTransactionId, byte[] branchQualifier) {
    this.formatId = formatId;
    this.globalTransactionId = globalTransactionId.clone();
    this.branchQualifier = branchQualifier.clone();
  }

  /** The same id as {@code xid}, of this class. */
  static JdbcXid of(Xid xid) {
    return xid instanceof JdbcXid j ? j : new JdbcXid(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
  }

  @Override
  public int getFormatId() {
    return formatId;
  }

  @Override
  public byte[] getGlobalTransactionId() {
    return globalTransactionId.clone();
  }

  @Override
  public byte[] getBranchQualifier() {
    return branchQualifier.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JdbcXid x && x.formatId == formatId && Arrays.equals(x.globalTransactionId, globalTransactionId)
        && Arrays.equals(x.branchQualifier, branchQualifier);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * formatId + Arrays.hashCode(globalTransactionId)) + Arrays.hashCode(branchQualifier);
  }

  @Override
  public String toString() {
    return Xids.describe(this);
  }
}
