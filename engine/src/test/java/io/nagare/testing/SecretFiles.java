package io.nagare.testing;

import io.nagare.network.ClusterSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Cluster secret files for tests, written as scripts/start-cluster.sh writes them. */
public final class SecretFiles {
  private SecretFiles() {}

  /** Writes {@code secret} to {@code dir/cluster.secret}, readable only by the user; returns the file. */
  public static Path write(ClusterSecret secret, Path dir) throws IOException {
    Path file = dir.resolve("cluster.secret");
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, secret.encoded(), StandardCharsets.US_ASCII);
    return file;
  }
}
