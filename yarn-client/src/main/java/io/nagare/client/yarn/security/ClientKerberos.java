package io.nagare.client.yarn.security;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.KerberosOptions;
import io.nagare.yarn.Containers;
import io.nagare.yarn.security.DelegationTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.SecurityUtil;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.authentication.util.KerberosUtil;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Kerberos in the YARN client: logs in (from {@code security.kerberos.login.keytab} or the ticket
 * cache) before the client talks to the cluster, obtains delegation tokens for every file system
 * the application touches ({@link DelegationTokens#fileSystems}), to be renewed by the
 * ResourceManager, and ships the keytab to the ApplicationMaster as a private local resource, from
 * which it re-obtains tokens before they expire. A keytab that is missing, unreadable or without
 * the principal's key is refused with one message naming it, before anything is uploaded.
 * Stateless; Hadoop's login user is process-wide.
 */
public final class ClientKerberos {
  private ClientKerberos() {}

  /**
   * Checks the Kerberos settings and, if Hadoop security is on ({@code hadoop.security.authentication:
   * kerberos}), logs in as the keytab's principal or from the ticket cache.
   *
   * @throws IllegalArgumentException naming the setting, file or principal at fault
   */
  public static void login(Configuration conf, org.apache.hadoop.conf.Configuration hadoop) throws IOException {
    KerberosOptions.validate(conf);
    String keytab = conf.get(KerberosOptions.KEYTAB).trim();
    String principal = conf.get(KerberosOptions.PRINCIPAL).trim();
    if (!keytab.isEmpty()) {
      checkKeytab(keytab, principal);
    }
    if (SecurityUtil.getAuthenticationMethod(hadoop) == UserGroupInformation.AuthenticationMethod.SIMPLE) {
      return;
    }
    UserGroupInformation.setConfiguration(hadoop);
    if (!keytab.isEmpty()) {
      UserGroupInformation.loginUserFromKeytab(principal, keytab);
    } else if (!conf.get(KerberosOptions.USE_TICKET_CACHE)) {
      throw new IllegalArgumentException("Hadoop security is on but there is no keytab ("
          + KerberosOptions.KEYTAB.key() + ") and the ticket cache is off ("
          + KerberosOptions.USE_TICKET_CACHE.key() + ": false)");
    }
  }

  /** Refuses a keytab that cannot be read or has no key of {@code principal}. */
  static void checkKeytab(String keytab, String principal) {
    java.nio.file.Path file = java.nio.file.Path.of(keytab);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("The keytab " + keytab + " (" + KerberosOptions.KEYTAB.key()
          + ") does not exist");
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("The keytab " + keytab + " (" + KerberosOptions.KEYTAB.key()
          + ") is not readable");
    }
    String[] principals;
    try {
      principals = KerberosUtil.getPrincipalNames(keytab, Pattern.compile(".*"));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("The keytab " + keytab + " (" + KerberosOptions.KEYTAB.key()
          + ") cannot be read as a keytab: " + e.getMessage(), e);
    }
    boolean found = Arrays.stream(principals).anyMatch(p -> p.equals(principal) || p.startsWith(principal + "@"));
    if (!found) {
      throw new IllegalArgumentException("The keytab " + keytab + " has no key of the principal " + principal + " ("
          + KerberosOptions.PRINCIPAL.key() + "); it has: " + String.join(", ", principals));
    }
  }

  /**
   * On a secure cluster, with {@code security.kerberos.fetch.delegation-token} on, adds delegation
   * tokens of the application's file systems to {@code credentials}, renewable by the
   * ResourceManager.
   */
  public static void addDelegationTokens(Configuration conf, org.apache.hadoop.conf.Configuration hadoop,
      Path staging, Credentials credentials) throws IOException {
    if (UserGroupInformation.isSecurityEnabled() && conf.get(KerberosOptions.FETCH_DELEGATION_TOKEN)) {
      DelegationTokens.obtain(hadoop, DelegationTokens.fileSystems(conf, hadoop, staging.toString()),
          hadoop.get(YarnConfiguration.RM_PRINCIPAL), credentials);
    }
  }

  /**
   * With a keytab configured, uploads it to {@code <staging>/keytab/} readable by its owner only and
   * adds it to {@code resources} (the ApplicationMaster's) as a private local resource.
   */
  public static void shipKeytab(Configuration conf, org.apache.hadoop.conf.Configuration hadoop, Path staging,
      Map<String, LocalResource> resources) throws IOException {
    String keytab = conf.get(KerberosOptions.KEYTAB).trim();
    if (keytab.isEmpty()) {
      return;
    }
    FileSystem fs = staging.getFileSystem(hadoop);
    Path dir = new Path(staging, Containers.KEYTAB_DIR);
    fs.mkdirs(dir, new FsPermission((short) 0700));
    Path target = new Path(dir, Containers.KEYTAB_FILE);
    fs.copyFromLocalFile(new Path(java.nio.file.Path.of(keytab).toAbsolutePath().toUri()), target);
    fs.setPermission(target, new FsPermission((short) 0400));
    FileStatus status = fs.getFileStatus(target);
    resources.put(Containers.KEYTAB_FILE, LocalResource.newInstance(URL.fromPath(fs.makeQualified(target)),
        LocalResourceType.FILE, LocalResourceVisibility.PRIVATE, status.getLen(), status.getModificationTime()));
  }
}
