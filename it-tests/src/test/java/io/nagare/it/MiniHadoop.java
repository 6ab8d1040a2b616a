package io.nagare.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.nodemanager.containermanager.container.Container;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real HDFS and YARN in the test JVM, shared by a test class (register it as a static field with
 * {@code @RegisterExtension}): a MiniDFSCluster with one DataNode and a MiniYARNCluster with two
 * NodeManagers whose containers are real processes. Its configuration is written to a directory
 * ({@link #confDir}) as {@code core-site.xml}, {@code hdfs-site.xml} and {@code yarn-site.xml}, as a
 * Hadoop installation's {@code HADOOP_CONF_DIR}; containers get that directory and the Hadoop
 * jars of the test classpath through {@code yarn.application.classpath}, as an installed cluster
 * would provide them, and nothing of nagare.
 */
final class MiniHadoop implements BeforeAllCallback, AfterAllCallback {
  private static final int NODE_MANAGERS = 2;

  private Path base;
  private MiniDFSCluster hdfs;
  private MiniYARNCluster yarn;
  private Path confDir;
  private YarnConfiguration conf;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    base = Files.createTempDirectory("nagare-minihadoop");
    confDir = Files.createDirectories(base.resolve("hadoop-conf"));
    Configuration dfsConf = new Configuration();
    dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
    hdfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).build();
    hdfs.waitActive();

    YarnConfiguration yarnConf = new YarnConfiguration(hdfs.getConfiguration(0));
    yarnConf.setBoolean(YarnConfiguration.YARN_MINICLUSTER_FIXED_PORTS, true);
    for (String address : List.of(YarnConfiguration.RM_ADDRESS, YarnConfiguration.RM_SCHEDULER_ADDRESS,
        YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS, YarnConfiguration.RM_ADMIN_ADDRESS,
        YarnConfiguration.RM_WEBAPP_ADDRESS)) {
      yarnConf.set(address, "localhost:" + freePort());
    }
    yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
    yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
    yarnConf.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 1);
    yarnConf.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 2);
    List<String> classpath = new ArrayList<>();
    classpath.add(confDir.toString());
    classpath.addAll(List.of(Files.readString(Path.of(System.getProperty("hadoop.classpath.file"))).trim()
        .split(java.io.File.pathSeparator)));
    yarnConf.setStrings(YarnConfiguration.YARN_APPLICATION_CLASSPATH, classpath.toArray(new String[0]));
    yarn = new MiniYARNCluster("nagare", NODE_MANAGERS, 1, 1);
    yarn.init(yarnConf);
    yarn.start();
    pointGuiceAtTheResourceManager();
    conf = new YarnConfiguration(yarn.getConfig());
    for (String file : List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml")) {
      try (OutputStream out = Files.newOutputStream(confDir.resolve(file))) {
        conf.writeXml(out);
      }
    }
  }

  /**
   * YARN-7747: every web app in this JVM shares Guice's static filter pipeline, and the last
   * NodeManager's wins, so the ResourceManager's REST API and web proxy answer 404. Point the
   * static pipeline back at the ResourceManager web app's own (NodeManager pages then break in this
   * JVM; tests read NodeManager facts through their contexts).
   */
  private void pointGuiceAtTheResourceManager() throws ReflectiveOperationException {
    java.lang.reflect.Method getWebapp = org.apache.hadoop.yarn.server.resourcemanager.ResourceManager.class
        .getDeclaredMethod("getWebapp");
    getWebapp.setAccessible(true);
    Object webApp = getWebapp.invoke(yarn.getResourceManager());
    java.lang.reflect.Field filter = org.apache.hadoop.yarn.webapp.WebApp.class.getDeclaredField("guiceFilter");
    filter.setAccessible(true);
    Object guiceFilter = filter.get(webApp);
    java.lang.reflect.Field injected = com.google.inject.servlet.GuiceFilter.class
        .getDeclaredField("injectedPipeline");
    injected.setAccessible(true);
    java.lang.reflect.Field pipeline = com.google.inject.servlet.GuiceFilter.class.getDeclaredField("pipeline");
    pipeline.setAccessible(true);
    pipeline.set(null, injected.get(guiceFilter));
  }

  /** The ResourceManager's web address, host:port. */
  String resourceManagerWebAddress() {
    return conf.get(YarnConfiguration.RM_WEBAPP_ADDRESS);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (yarn != null) {
      yarn.stop();
    }
    if (hdfs != null) {
      hdfs.shutdown();
    }
    org.apache.commons.io.FileUtils.deleteQuietly(base.toFile());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The directory holding the cluster's configuration files (a HADOOP_CONF_DIR). */
  Path confDir() {
    return confDir;
  }

  /** The cluster's configuration. */
  YarnConfiguration conf() {
    return conf;
  }

  /** The HDFS URI, e.g. {@code hdfs://localhost:port}. */
  String hdfsUri() {
    return hdfs.getURI().toString();
  }

  MiniYARNCluster yarn() {
    return yarn;
  }

  /** The NodeManager's view of a running container, or null if no NodeManager runs it. */
  Container container(ContainerId id) {
    for (int i = 0; i < NODE_MANAGERS; i++) {
      Container c = yarn.getNodeManager(i).getNMContext().getContainers().get(id);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /** The process id of a running container, or null. */
  String processId(ContainerId id) {
    for (int i = 0; i < NODE_MANAGERS; i++) {
      var context = yarn.getNodeManager(i).getNMContext();
      if (context.getContainers().containsKey(id)) {
        return context.getContainerExecutor().getProcessId(id);
      }
    }
    return null;
  }
}
