package io.nagare.security.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Secrets a YARN container finds in its credentials (the token file YARN hands it, readable only
 * by the application's user). Outside a container there are none. Stateless.
 */
public final class ContainerCredentials {
  private ContainerCredentials() {}

  /** The secret key stored under {@code alias}, or null outside a container or if there is none. */
  public static byte[] secretKey(String alias) {
    if (System.getenv("HADOOP_TOKEN_FILE_LOCATION") == null) {
      return null;
    }
    try {
      return UserGroupInformation.getCurrentUser().getCredentials().getSecretKey(new Text(alias));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read this container's credentials: " + e.getMessage(), e);
    }
  }
}
