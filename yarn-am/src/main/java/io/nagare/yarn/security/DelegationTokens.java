package io.nagare.yarn.security;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.HistoryServerOptions;
import io.nagare.api.configuration.KerberosOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenIdentifier;

/**
 * Which file systems a nagare application touches and their delegation tokens, for the client
 * (which obtains the first tokens) and the ApplicationMaster (which re-obtains them) alike: the
 * default file system, the staging directory's, the checkpoint, savepoint and archive directories'
 * and those of {@code security.kerberos.access.hadoopFileSystems}. Stateless.
 */
public final class DelegationTokens {
  private DelegationTokens() {}

  /** The file systems (as paths, one per distinct URI authority) that need tokens. */
  public static List<Path> fileSystems(Configuration conf, org.apache.hadoop.conf.Configuration hadoop,
      String stagingDir) throws IOException {
    List<String> locations = new ArrayList<>();
    locations.add(FileSystem.getDefaultUri(hadoop).toString());
    locations.add(stagingDir);
    locations.add(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
    locations.add(conf.get(CheckpointingOptions.SAVEPOINTS_DIRECTORY));
    locations.add(conf.get(HistoryServerOptions.JOB_MANAGER_ARCHIVE_DIRECTORY));
    locations.addAll(KerberosOptions.extraFileSystems(conf));
    Set<String> seen = new LinkedHashSet<>();
    List<Path> found = new ArrayList<>();
    for (String location : locations) {
      if (location == null || location.isBlank()) {
        continue;
      }
      Path path = new Path(location.trim());
      FileSystem fs = path.getFileSystem(hadoop);
      Path root = fs.makeQualified(new Path(path.toUri().getScheme() == null ? "/" : path.toUri().resolve("/")
          .toString()));
      if (seen.add(root.toString())) {
        found.add(root);
      }
    }
    return found;
  }

  /**
   * Adds a delegation token of each of {@code fileSystems} that {@code into} has none of yet, to be
   * renewed by {@code renewer}, as the current Hadoop user.
   */
  public static void obtain(org.apache.hadoop.conf.Configuration hadoop, List<Path> fileSystems, String renewer,
      Credentials into) throws IOException {
    for (Path root : fileSystems) {
      root.getFileSystem(hadoop).addDelegationTokens(renewer, into);
    }
  }

  /** The earliest maximum date (epoch millis) of the delegation tokens in {@code credentials}, or -1 if none has one. */
  public static long earliestMaxDate(Credentials credentials) throws IOException {
    long earliest = -1;
    for (Token<?> token : credentials.getAllTokens()) {
      if (token.decodeIdentifier() instanceof AbstractDelegationTokenIdentifier id && id.getMaxDate() > 0) {
        earliest = earliest < 0 ? id.getMaxDate() : Math.min(earliest, id.getMaxDate());
      }
    }
    return earliest;
  }
}
