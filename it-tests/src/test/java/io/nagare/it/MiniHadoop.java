package io.nagare.it;

import io.nagare.localhadoop.LocalHadoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.nodemanager.containermanager.container.Container;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real HDFS and YARN in the test JVM ({@link LocalHadoop}), shared by a test class (register it as
 * a static field with {@code @RegisterExtension}); containers get the Hadoop jars of the test
 * classpath, as an installed cluster would provide them, and nothing of nagare.
 *
 * <p>{@link #kerberized} starts a kerberized YARN on a {@link SecureHdfs} (register it after
 * that): the ResourceManager and the NodeManagers log in from the KDC's service keytab as the
 * NameNode's principal (Hadoop's login user is one per JVM, and a NameNode server found logged in as
 * another principal refuses clients), the ResourceManager's principal is written with {@code _HOST}
 * as on a real cluster (it resolves to {@code localhost}, the ResourceManager's address; the
 * NodeManagers' is explicit, since {@code _HOST} there resolves to the machine's name). Containers
 * run under the DefaultContainerExecutor, as the NodeManager's OS user for the application's
 * Kerberos user; they find the KDC through {@code yarn.nodemanager.admin-env} ({@code
 * JAVA_TOOL_OPTIONS} naming the KDC's krb5.conf, what /etc/krb5.conf is on a real host). Web apps
 * keep Hadoop's simple HTTP authentication (no SPNEGO): the client, the ApplicationMaster and the
 * test use only RPC, and nagare's REST through its own address.
 */
final class MiniHadoop implements BeforeAllCallback, AfterAllCallback {
  private static final int NODE_MANAGERS = 2;

  private final Map<String, String> yarnSettings;
  private final SecureHdfs secureHdfs;
  private Path base;
  private LocalHadoop hadoop;

  /** The mini clusters as they come. */
  MiniHadoop() {
    this(Map.of());
  }

  /** The mini clusters with {@code yarnSettings} added to YARN's configuration. */
  MiniHadoop(Map<String, String> yarnSettings) {
    this(yarnSettings, null);
  }

  private MiniHadoop(Map<String, String> yarnSettings, SecureHdfs secureHdfs) {
    this.yarnSettings = Map.copyOf(yarnSettings);
    this.secureHdfs = secureHdfs;
  }

  /** A kerberized YARN on {@code hdfs}, with {@code yarnSettings} added to its configuration. */
  static MiniHadoop kerberized(SecureHdfs hdfs, Map<String, String> yarnSettings) {
    return new MiniHadoop(yarnSettings, hdfs);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    base = Files.createTempDirectory("nagare-minihadoop");
    List<String> classpath = List.of(Files.readString(Path.of(System.getProperty("hadoop.classpath.file")))
        .trim().split(java.io.File.pathSeparator));
    if (secureHdfs == null) {
      hadoop = LocalHadoop.start(base, classpath, yarnSettings);
      return;
    }
    Map<String, String> settings = new java.util.HashMap<>();
    String keytab = secureHdfs.serviceKeytab().getAbsolutePath();
    settings.put(YarnConfiguration.RM_PRINCIPAL, SecureHdfs.SERVICE.replace("localhost", "_HOST") + "@"
        + secureHdfs.realm());
    settings.put(YarnConfiguration.RM_KEYTAB, keytab);
    settings.put(YarnConfiguration.NM_PRINCIPAL, secureHdfs.servicePrincipal());
    settings.put(YarnConfiguration.NM_KEYTAB, keytab);
    settings.put(YarnConfiguration.NM_ADMIN_USER_ENV, "JAVA_TOOL_OPTIONS=-Djava.security.krb5.conf="
        + secureHdfs.krb5Conf().getAbsolutePath());
    settings.putAll(yarnSettings);
    hadoop = LocalHadoop.startOn(secureHdfs.cluster(), base, classpath, settings);
  }

  /** With {@link #kerberized}: the KDC and HDFS under this YARN. */
  SecureHdfs secureHdfs() {
    return secureHdfs;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (hadoop != null) {
      hadoop.close();
    }
    org.apache.commons.io.FileUtils.deleteQuietly(base.toFile());
  }

  /** The directory holding the cluster's configuration files (a HADOOP_CONF_DIR). */
  Path confDir() {
    return hadoop.confDir();
  }

  YarnConfiguration conf() {
    return hadoop.conf();
  }

  String hdfsUri() {
    return hadoop.hdfsUri();
  }

  String resourceManagerWebAddress() {
    return hadoop.resourceManagerWebAddress();
  }

  /** The NodeManager's view of a running container, or null if no NodeManager runs it. */
  Container container(ContainerId id) {
    for (int i = 0; i < NODE_MANAGERS; i++) {
      Container c = hadoop.yarn().getNodeManager(i).getNMContext().getContainers().get(id);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /** True if every NodeManager checks its containers' physical memory (and kills those over their size). */
  boolean checksPhysicalMemory() {
    for (int i = 0; i < NODE_MANAGERS; i++) {
      var monitor = (org.apache.hadoop.yarn.server.nodemanager.containermanager.monitor.ContainersMonitorImpl)
          hadoop.yarn().getNodeManager(i).getNMContext().getContainerManager().getContainersMonitor();
      if (!monitor.isPmemCheckEnabled()) {
        return false;
      }
    }
    return true;
  }

  /** The process id of a running container, or null. */
  String processId(ContainerId id) {
    for (int i = 0; i < NODE_MANAGERS; i++) {
      var context = hadoop.yarn().getNodeManager(i).getNMContext();
      if (context.getContainers().containsKey(id)) {
        return context.getContainerExecutor().getProcessId(id);
      }
    }
    return null;
  }
}
