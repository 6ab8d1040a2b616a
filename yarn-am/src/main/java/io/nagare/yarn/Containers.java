package io.nagare.yarn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * What every nagare container is made of, for the client (the ApplicationMaster's container) and
 * the ApplicationMaster (task managers' containers) alike: the staged files as local resources,
 * the classpath (nagare's jars from the working directory first, then the cluster's Hadoop from
 * {@code yarn.application.classpath}), the java command with its memory caps, and the cluster
 * secret in the container's credentials.
 */
public final class Containers {
  /** The environment variable naming the application's staging directory. */
  public static final String STAGING_DIR_ENV = "NAGARE_STAGING_DIR";
  /** The alias of the cluster secret in containers' credentials. */
  public static final Text SECRET_ALIAS = new Text(io.nagare.cluster.ClusterEntrypoint.SECRET_CREDENTIALS_ALIAS);
  /** The alias of the internal keystore's password in containers' credentials (automatic internal TLS). */
  public static final Text TLS_PASSWORD_ALIAS = new Text(io.nagare.security.tls.TlsContexts.INTERNAL_PASSWORD_ALIAS);
  /**
   * The folder under the staging directory whose files every container gets as {@link
   * LocalResourceVisibility#PRIVATE} resources (localized for the application's user only, never
   * shared with other users' applications): the generated keystore of automatic internal TLS.
   */
  public static final String PRIVATE_DIR = "private";
  /** The keystore (and truststore) of automatic internal TLS, in {@link #PRIVATE_DIR} and in containers. */
  public static final String INTERNAL_KEYSTORE_FILE = "nagare-internal.p12";
  /** The effective configuration file, staged for every container. */
  public static final String CONF_FILE = "nagare-conf.yaml";
  /**
   * A per-job application's job: its serialized plan and its jar, staged beside the rest. The jar's
   * name does not end in {@code .jar}, so the containers' classpath ({@code $PWD/*}) leaves it out:
   * its classes are the job class loader's alone (with Kafka's clients in both, Kafka's own class
   * loading mixes the two copies and fails with a ClassCastException).
   */
  public static final String JOB_GRAPH_FILE = "nagare-job.graph";
  public static final String JOB_JAR_FILE = "nagare-job.jar-file";
  /**
   * The keytab of {@code security.kerberos.login.keytab} in the ApplicationMaster's working
   * directory, a private local resource staged under {@link #KEYTAB_DIR} (task managers do not get it).
   */
  public static final String KEYTAB_FILE = "nagare.keytab";
  public static final String KEYTAB_DIR = "keytab";
  /** The daemons' logging configuration, staged for every container. */
  public static final String LOG_CONF_FILE = "log4j2-cluster.properties";
  /** Metaspace of the ApplicationMaster (a task manager's is taskmanager.memory.jvm-metaspace.size). */
  public static final long AM_METASPACE_MB = 128;

  private static final List<String> OPENS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");

  private Containers() {}

  /**
   * Every file directly under {@code directories}, as a local resource named by its file name,
   * with the size and modification time YARN checks before localizing it.
   */
  public static Map<String, LocalResource> localResources(Configuration hadoop, List<Path> directories)
      throws IOException {
    Map<String, LocalResource> resources = new LinkedHashMap<>();
    for (Path dir : directories) {
      FileSystem fs = dir.getFileSystem(hadoop);
      for (FileStatus f : fs.listStatus(dir)) {
        if (f.isFile()) {
          resources.put(f.getPath().getName(), LocalResource.newInstance(URL.fromPath(fs.makeQualified(f.getPath())),
              LocalResourceType.FILE, LocalResourceVisibility.APPLICATION, f.getLen(), f.getModificationTime()));
        }
      }
    }
    return resources;
  }

  /**
   * The files in {@code <stagingDir>/}{@link #PRIVATE_DIR}, as {@link LocalResourceVisibility#PRIVATE}
   * local resources named by their file names; none if there is no such folder.
   */
  public static Map<String, LocalResource> privateResources(Configuration hadoop, String stagingDir)
      throws IOException {
    Map<String, LocalResource> resources = new LinkedHashMap<>();
    Path dir = new Path(stagingDir, PRIVATE_DIR);
    FileSystem fs = dir.getFileSystem(hadoop);
    if (!fs.exists(dir)) {
      return resources;
    }
    for (FileStatus f : fs.listStatus(dir)) {
      if (f.isFile()) {
        resources.put(f.getPath().getName(), LocalResource.newInstance(URL.fromPath(fs.makeQualified(f.getPath())),
            LocalResourceType.FILE, LocalResourceVisibility.PRIVATE, f.getLen(), f.getModificationTime()));
      }
    }
    return resources;
  }

  /** The directories {@code yarn.provided.lib.dirs} lists (comma-separated), none if it is empty. */
  public static List<Path> providedLibDirs(String setting) {
    List<Path> dirs = new ArrayList<>();
    for (String dir : setting.split(",")) {
      if (!dir.isBlank()) {
        dirs.add(new Path(dir.trim()));
      }
    }
    return dirs;
  }

  /**
   * Where a container's files come from: the application's staging directory and the provided lib
   * directories, whose jars are then used where they are instead of being uploaded per application.
   */
  public static List<Path> resourceDirs(String stagingDir, String providedLibDirs) {
    List<Path> dirs = new ArrayList<>(providedLibDirs(providedLibDirs));
    dirs.add(new Path(stagingDir));
    return dirs;
  }

  /** The container's CLASSPATH: its working directory and its jars, then the cluster's Hadoop. */
  public static String classpath(Configuration hadoop) {
    StringBuilder cp = new StringBuilder(ApplicationConstants.Environment.PWD.$$());
    cp.append(ApplicationConstants.CLASS_PATH_SEPARATOR).append(ApplicationConstants.Environment.PWD.$$())
        .append("/*");
    for (String entry : hadoop.getStrings(YarnConfiguration.YARN_APPLICATION_CLASSPATH,
        YarnConfiguration.DEFAULT_YARN_CROSS_PLATFORM_APPLICATION_CLASSPATH)) {
      cp.append(ApplicationConstants.CLASS_PATH_SEPARATOR).append(entry.trim());
    }
    return cp.toString();
  }

  /** The environment of a nagare container. */
  public static Map<String, String> environment(Configuration hadoop, String stagingDir) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(ApplicationConstants.Environment.CLASSPATH.name(), classpath(hadoop));
    env.put("NAGARE_CONF_DIR", ApplicationConstants.Environment.PWD.$$());
    env.put(STAGING_DIR_ENV, stagingDir);
    return env;
  }

  /**
   * The command that starts {@code mainClass} with {@code args} in a container of {@code memory},
   * its output in the container's log directory as {@code <logName>.out} and {@code .err}.
   */
  public static List<String> command(ProcessMemory memory, String mainClass, List<String> args, String logName) {
    List<String> parts = new ArrayList<>();
    parts.add(ApplicationConstants.Environment.JAVA_HOME.$$() + "/bin/java");
    parts.addAll(memory.jvmOptions());
    parts.add(ApplicationConstants.JVM_ADD_OPENS_VAR);
    parts.addAll(OPENS);
    parts.add("-Dlog4j.configurationFile=" + LOG_CONF_FILE);
    parts.add("-Dnagare.log.dir=" + ApplicationConstants.LOG_DIR_EXPANSION_VAR);
    parts.add(mainClass);
    for (String arg : args) {
      parts.add(quote(arg));
    }
    parts.add("1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/" + logName + ".out");
    parts.add("2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/" + logName + ".err");
    return List.of(String.join(" ", parts));
  }

  private static String quote(String arg) {
    return arg.matches("[A-Za-z0-9_./:=,@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }

  /** {@code credentials} as a container's tokens. */
  public static ByteBuffer tokens(Credentials credentials) throws IOException {
    DataOutputBuffer out = new DataOutputBuffer();
    credentials.writeTokenStorageToStream(out);
    return ByteBuffer.wrap(out.getData(), 0, out.getLength());
  }
}
