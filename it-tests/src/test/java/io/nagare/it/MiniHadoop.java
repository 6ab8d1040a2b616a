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
 */
final class MiniHadoop implements BeforeAllCallback, AfterAllCallback {
  private static final int NODE_MANAGERS = 2;

  private final Map<String, String> yarnSettings;
  private Path base;
  private LocalHadoop hadoop;

  /** The mini clusters as they come. */
  MiniHadoop() {
    this(Map.of());
  }

  /** The mini clusters with {@code yarnSettings} added to YARN's configuration. */
  MiniHadoop(Map<String, String> yarnSettings) {
    this.yarnSettings = Map.copyOf(yarnSettings);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    base = Files.createTempDirectory("nagare-minihadoop");
    hadoop = LocalHadoop.start(base, List.of(Files.readString(Path.of(System.getProperty("hadoop.classpath.file")))
        .trim().split(java.io.File.pathSeparator)), yarnSettings);
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
