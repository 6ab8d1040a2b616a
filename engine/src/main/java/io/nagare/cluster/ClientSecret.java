package io.nagare.cluster;

import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.fs.HadoopFileSystems;
import io.nagare.network.ClusterSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;

/**
 * The cluster secret as a client finds it, to present to the REST endpoint: from the Hadoop
 * credentials file {@code cluster.secret-credentials} names (a YARN application's, in its staging
 * directory; the CLI sets it for the application it acts on), else from the file {@code
 * cluster.secret-file} (or {@code NAGARE_CLUSTER_SECRET_FILE}) names, a standalone cluster's. Never
 * from the command line or a configuration value itself.
 */
public final class ClientSecret {
  /** The environment variable that may name the secret file instead of {@code cluster.secret-file}. */
  public static final String FILE_ENV = "NAGARE_CLUSTER_SECRET_FILE";

  private ClientSecret() {}

  /**
   * The secret {@code conf} leads to, or null if it names none.
   *
   * @throws IllegalArgumentException naming the file and the setting if the named file cannot be
   *     read or holds no secret
   */
  public static ClusterSecret of(Configuration conf) {
    String credentials = conf.get(ClusterOptions.SECRET_CREDENTIALS).trim();
    if (!credentials.isEmpty()) {
      return fromCredentials(credentials);
    }
    String file = conf.get(ClusterOptions.SECRET_FILE).trim();
    String setting = ClusterOptions.SECRET_FILE.key();
    if (file.isEmpty()) {
      file = System.getenv().getOrDefault(FILE_ENV, "").trim();
      setting = FILE_ENV;
    }
    if (!file.isEmpty()) {
      try {
        return ClusterSecret.fromEncoded(Files.readString(Path.of(file), StandardCharsets.US_ASCII));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException("Cannot read the cluster secret from " + file + " (" + setting + "): "
            + e.getMessage(), e);
      }
    }
    return null;
  }

  /** The secret in the Hadoop credentials file {@code location}. */
  private static ClusterSecret fromCredentials(String location) {
    String where = " (" + ClusterOptions.SECRET_CREDENTIALS.key() + ")";
    byte[] key;
    try {
      key = Credentials.readTokenStorageFile(new org.apache.hadoop.fs.Path(location),
          HadoopFileSystems.configuration()).getSecretKey(new Text(ClusterEntrypoint.SECRET_CREDENTIALS_ALIAS));
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the cluster secret from the credentials file " + location
          + where + ": " + e.getMessage(), e);
    }
    if (key == null) {
      throw new IllegalArgumentException("The credentials file " + location + where + " holds no cluster secret");
    }
    return ClusterSecret.fromEncoded(new String(key, StandardCharsets.US_ASCII));
  }
}
