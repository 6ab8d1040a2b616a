package io.nagare.fs;

import io.nagare.api.security.ReceivedTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Hadoop delegation tokens as bytes (Hadoop's token storage format, as a YARN container's token
 * file holds them), so they can travel over the control connection: the YARN ApplicationMaster
 * re-obtains tokens and task managers add them to their Hadoop user, replacing the tokens of the
 * same services, so the file systems they have open keep authenticating. Stateless.
 */
public final class HadoopCredentials {
  private HadoopCredentials() {}

  /** {@code credentials} in token storage format. */
  public static byte[] serialize(Credentials credentials) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      credentials.writeTokenStorageToStream(out);
    }
    return bytes.toByteArray();
  }

  /** The credentials {@link #serialize} wrote. */
  public static Credentials deserialize(byte[] tokenStorage) throws IOException {
    Credentials credentials = new Credentials();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(tokenStorage))) {
      credentials.readTokenStorageStream(in);
    }
    return credentials;
  }

  /**
   * Adds the tokens and secrets of {@code tokenStorage} to this process's current Hadoop user;
   * returns how many tokens it held.
   */
  public static int addToCurrentUser(byte[] tokenStorage) throws IOException {
    Credentials credentials = deserialize(tokenStorage);
    UserGroupInformation.getCurrentUser().addCredentials(credentials);
    publishServiceTokens(credentials);
    return credentials.numberOfTokens();
  }

  /**
   * Hands the tokens of other services in {@code credentials} (secret keys under {@link
   * ReceivedTokens#alias}) to {@link ReceivedTokens};
   * returns how many there were.
   */
  public static int publishServiceTokens(Credentials credentials) {
    int published = 0;
    for (Text alias : credentials.getAllSecretKeys()) {
      Optional<String> service = ReceivedTokens.service(alias.toString());
      if (service.isPresent()) {
        ReceivedTokens.put(service.get(), credentials.getSecretKey(alias));
        published++;
      }
    }
    return published;
  }
}
