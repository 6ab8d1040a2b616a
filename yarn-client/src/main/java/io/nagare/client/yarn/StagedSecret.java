package io.nagare.client.yarn;

import io.nagare.network.ClusterSecret;
import io.nagare.yarn.Containers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.Credentials;

/**
 * An application's cluster secret kept for its later clients ({@code nagare run -t yarn-session},
 * {@code list}, {@code cancel}, {@code yarn-session.sh -id}), which present it to the job manager's
 * REST endpoint: a Hadoop credentials file holding only the secret, at {@value #FILE} under the
 * application's staging directory, in a directory only the user may enter (700), itself readable
 * only by the user (600). Being in a subdirectory, it is not localized into containers (they get the
 * secret in their own credentials). It lives as long as the staging directory: the
 * ApplicationMaster deletes that when the application ends, the next client call when it was
 * killed. Stateless.
 */
final class StagedSecret {
  /** Where under the staging directory the file is. */
  static final String FILE = "client/cluster-secret.credentials";

  private StagedSecret() {}

  /** Writes {@code secret} for the application staged at {@code staging}; returns the file. */
  static Path write(ClusterSecret secret, Path staging, Configuration hadoop) throws IOException {
    Path file = new Path(staging, FILE);
    FileSystem fs = file.getFileSystem(hadoop);
    fs.mkdirs(file.getParent(), new FsPermission((short) 0700));
    fs.setPermission(file.getParent(), new FsPermission((short) 0700));
    Credentials credentials = new Credentials();
    credentials.addSecretKey(Containers.SECRET_ALIAS, secret.encoded().getBytes(StandardCharsets.US_ASCII));
    try (FSDataOutputStream out = FileSystem.create(fs, file, new FsPermission((short) 0600))) {
      credentials.writeTokenStorageToStream(out);
    }
    return fs.makeQualified(file);
  }

  /**
   * The secret of the application staged at {@code staging}.
   *
   * @throws IllegalStateException naming the file if it cannot be read (another user's application,
   *     or one whose staging directory is elsewhere) or holds no secret
   */
  static ClusterSecret read(Path staging, Configuration hadoop) {
    Path file = new Path(staging, FILE);
    byte[] key;
    try {
      key = Credentials.readTokenStorageFile(file, hadoop).getSecretKey(Containers.SECRET_ALIAS);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the application's cluster secret from " + file + " (only the user"
          + " who started it can, with the same yarn.staging-directory): " + e.getMessage(), e);
    }
    if (key == null) {
      throw new IllegalStateException("The credentials file " + file + " holds no cluster secret");
    }
    return ClusterSecret.fromEncoded(new String(key, StandardCharsets.US_ASCII));
  }
}
