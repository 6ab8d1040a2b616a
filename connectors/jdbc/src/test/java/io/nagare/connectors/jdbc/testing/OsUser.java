package io.nagare.connectors.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * Who runs PostgreSQL's programs. PostgreSQL refuses to run as root, so a test running as root runs
 * them as {@code nobody} (through {@code runuser -u nobody --}) and hands it the directories they
 * use; anyone else runs them as themselves.
 */
final class OsUser {
  static final String UNPRIVILEGED = "nobody";

  private final String name;

  private OsUser(String name) {
    this.name = name;
  }

  /** {@code nobody} if this JVM runs as root, else the JVM's own user. */
  static OsUser forPostgres() {
    return "root".equals(System.getProperty("user.name")) ? new OsUser(UNPRIVILEGED) : new OsUser(null);
  }

  /** {@code command}, run as this user. */
  List<String> command(List<String> command) {
    if (name == null) {
      return command;
    }
    List<String> asUser = new ArrayList<>(List.of("runuser", "-u", name, "--"));
    asUser.addAll(command);
    return asUser;
  }

  /** Makes {@code path} (a file or directory this JVM created) this user's. */
  void own(Path path) {
    if (name == null) {
      return;
    }
    try {
      UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(path, users.lookupPrincipalByName(name));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not give " + path + " to the user " + name
          + " (PostgreSQL refuses to run as root); does the user exist?", e);
    }
  }
}
