package io.nagare.yarn.security;

import java.security.PrivilegedExceptionAction;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenIdentifier;

/**
 * Obtains delegation tokens for a fixed list of file systems as a user logged in from a keytab, in
 * a Hadoop user of its own, which holds no tokens (a NameNode issues tokens only to a
 * Kerberos-authenticated caller). The tokens name that user as their renewer; each is renewed once
 * to learn when it expires (its next renewal date, at most its maximum date).
 *
 * <p>Threading: the token manager's thread only; it owns the logged-in user.
 */
public final class KeytabTokenSource implements DelegationTokenManager.TokenSource {
  private final String principal;
  private final String keytab;
  private final org.apache.hadoop.conf.Configuration hadoop;
  private final List<Path> fileSystems;
  private UserGroupInformation user;

  public KeytabTokenSource(String principal, String keytab, org.apache.hadoop.conf.Configuration hadoop,
      List<Path> fileSystems) {
    this.principal = principal;
    this.keytab = keytab;
    this.hadoop = hadoop;
    this.fileSystems = List.copyOf(fileSystems);
  }

  @Override
  public DelegationTokenManager.Obtained obtain() throws Exception {
    if (user == null) {
      user = UserGroupInformation.loginUserFromKeytabAndReturnUGI(principal, keytab);
    } else {
      user.checkTGTAndReloginFromKeytab();
    }
    return user.doAs((PrivilegedExceptionAction<DelegationTokenManager.Obtained>) () -> {
      Credentials credentials = new Credentials();
      long earliest = Long.MAX_VALUE;
      for (Path root : fileSystems) {
        try (FileSystem fs = FileSystem.newInstance(root.toUri(), hadoop)) {
          Token<?>[] added = fs.addDelegationTokens(user.getShortUserName(), credentials);
          for (Token<?> token : added == null ? new Token<?>[0] : added) {
            earliest = Math.min(earliest, expiry(token));
          }
        }
      }
      return new DelegationTokenManager.Obtained(credentials, earliest);
    });
  }

  private long expiry(Token<?> token) throws Exception {
    if (!token.isManaged()) {
      return Long.MAX_VALUE;
    }
    long expiry = token.renew(hadoop);
    if (token.decodeIdentifier() instanceof AbstractDelegationTokenIdentifier id && id.getMaxDate() > 0) {
      expiry = Math.min(expiry, id.getMaxDate());
    }
    return expiry;
  }
}
