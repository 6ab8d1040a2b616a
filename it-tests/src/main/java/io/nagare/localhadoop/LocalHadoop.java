package io.nagare.localhadoop;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A single-host Hadoop in one JVM: a MiniDFSCluster with one DataNode and a MiniYARNCluster with
 * two NodeManagers whose containers are real processes, on ports picked at start. Its configuration
 * is written to {@code <base>/hadoop-conf} as {@code core-site.xml}, {@code hdfs-site.xml} and
 * {@code yarn-site.xml}, as an installation's {@code HADOOP_CONF_DIR}; containers get that directory
 * and the given Hadoop jars through {@code yarn.application.classpath}, as an installed cluster
 * provides them. Used by the YARN integration tests and by {@code scripts/local-cluster.sh}, for
 * trying nagare on YARN without a Hadoop cluster.
 */
public final class LocalHadoop implements AutoCloseable {
  private static final int NODE_MANAGERS = 2;

  private final MiniDFSCluster hdfs;
  private final boolean ownsHdfs;
  private final MiniYARNCluster yarn;
  private final Path confDir;
  private final YarnConfiguration conf;

  private LocalHadoop(MiniDFSCluster hdfs, boolean ownsHdfs, MiniYARNCluster yarn, Path confDir,
      YarnConfiguration conf) {
    this.hdfs = hdfs;
    this.ownsHdfs = ownsHdfs;
    this.yarn = yarn;
    this.confDir = confDir;
    this.conf = conf;
  }

  /**
   * Starts HDFS and YARN with their data under {@code base}.
   *
   * @param hadoopClasspath the Hadoop jars containers get (besides the configuration directory)
   */
  public static LocalHadoop start(Path base, List<String> hadoopClasspath) throws Exception {
    return start(base, hadoopClasspath, java.util.Map.of());
  }

  /**
   * Starts HDFS and YARN with their data under {@code base}, YARN with {@code yarnSettings} on top
   * of the mini cluster's (the NodeManagers' memory checks, say).
   *
   * @param hadoopClasspath the Hadoop jars containers get (besides the configuration directory)
   */
  public static LocalHadoop start(Path base, List<String> hadoopClasspath, java.util.Map<String, String> yarnSettings)
      throws Exception {
    Configuration dfsConf = new Configuration();
    dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
    MiniDFSCluster hdfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).build();
    hdfs.waitActive();
    return start(hdfs, true, base, hadoopClasspath, yarnSettings);
  }

  /**
   * Starts YARN on an HDFS started elsewhere (a kerberized one, say), which keeps running when this
   * closes; YARN's configuration starts from the NameNode's, with {@code yarnSettings} on top.
   *
   * @param hadoopClasspath the Hadoop jars containers get (besides the configuration directory)
   */
  public static LocalHadoop startOn(MiniDFSCluster hdfs, Path base, List<String> hadoopClasspath,
      java.util.Map<String, String> yarnSettings) throws Exception {
    return start(hdfs, false, base, hadoopClasspath, yarnSettings);
  }

  private static LocalHadoop start(MiniDFSCluster hdfs, boolean ownsHdfs, Path base, List<String> hadoopClasspath,
      java.util.Map<String, String> yarnSettings) throws Exception {
    Path confDir = Files.createDirectories(base.resolve("hadoop-conf"));
    YarnConfiguration yarnConf = new YarnConfiguration(hdfs.getConfiguration(0));
    yarnConf.setBoolean(YarnConfiguration.YARN_MINICLUSTER_FIXED_PORTS, true);
    yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
    yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
    yarnConf.setLong(YarnConfiguration.NM_LOG_RETAIN_SECONDS, 1);
    yarnConf.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 2);
    // What nagare's HadoopFileSystems uses when a site file does not say; these site files list every key.
    yarnConf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 50);
    List<String> classpath = new ArrayList<>();
    classpath.add(confDir.toString());
    classpath.addAll(hadoopClasspath);
    yarnConf.setStrings(YarnConfiguration.YARN_APPLICATION_CLASSPATH, classpath.toArray(new String[0]));
    yarnSettings.forEach(yarnConf::set);
    MiniYARNCluster yarn = startYarn(yarnConf);
    pointGuiceAtTheResourceManager(yarn);
    YarnConfiguration conf = new YarnConfiguration(yarn.getConfig());
    for (String file : List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml")) {
      try (OutputStream out = Files.newOutputStream(confDir.resolve(file))) {
        conf.writeXml(out);
      }
    }
    return new LocalHadoop(hdfs, ownsHdfs, yarn, confDir, conf);
  }

  /** Attempts at starting YARN: a port picked free can be taken by another process before YARN binds it. */
  private static final int YARN_START_ATTEMPTS = 3;

  /**
   * Starts YARN with the ResourceManager's five addresses on ports picked free just before; if one
   * of them was taken meanwhile (the bind fails), stops what started and tries again with new ports.
   */
  private static MiniYARNCluster startYarn(YarnConfiguration yarnConf) throws IOException {
    for (int attempt = 1; ; attempt++) {
      for (String address : List.of(YarnConfiguration.RM_ADDRESS, YarnConfiguration.RM_SCHEDULER_ADDRESS,
          YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS, YarnConfiguration.RM_ADMIN_ADDRESS,
          YarnConfiguration.RM_WEBAPP_ADDRESS)) {
        yarnConf.set(address, "localhost:" + freePort());
      }
      MiniYARNCluster yarn = new MiniYARNCluster("nagare", NODE_MANAGERS, 1, 1);
      try {
        yarn.init(yarnConf);
        yarn.start();
        return yarn;
      } catch (RuntimeException e) {
        yarn.stop();
        if (attempt == YARN_START_ATTEMPTS || !causedByBind(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }

  /**
   * YARN-7747: every web app in one JVM shares Guice's static filter pipeline, and the last
   * NodeManager's wins, so the ResourceManager's REST API and web proxy answer 404. Point the
   * static pipeline back at the ResourceManager web app's own (NodeManager pages then break in this
   * JVM; NodeManager facts are read through their contexts).
   */
  private static void pointGuiceAtTheResourceManager(MiniYARNCluster yarn) throws ReflectiveOperationException {
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The directory holding the cluster's configuration files (a HADOOP_CONF_DIR). */
  public Path confDir() {
    return confDir;
  }

  /** The cluster's configuration. */
  public YarnConfiguration conf() {
    return conf;
  }

  /** The HDFS URI, e.g. {@code hdfs://localhost:port}. */
  public String hdfsUri() {
    return hdfs.getURI().toString();
  }

  /** The ResourceManager's web address, host:port. */
  public String resourceManagerWebAddress() {
    return conf.get(YarnConfiguration.RM_WEBAPP_ADDRESS);
  }

  public MiniYARNCluster yarn() {
    return yarn;
  }

  @Override
  public void close() {
    yarn.stop();
    if (ownsHdfs) {
      hdfs.shutdown();
    }
  }

  /**
   * {@code LocalHadoop <base dir> <file with the containers' Hadoop classpath>}: starts the
   * cluster, prints a line starting {@code LocalHadoop ready} with its configuration directory,
   * ResourceManager UI and HDFS, and runs until the process is stopped (SIGTERM).
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("Usage: LocalHadoop <base dir> <hadoop classpath file>");
      System.exit(2);
    }
    List<String> classpath = List.of(Files.readString(Path.of(args[1])).trim().split(java.io.File.pathSeparator));
    LocalHadoop hadoop = start(Path.of(args[0]), classpath);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hadoop.close();
      stopped.countDown();
    }, "local-hadoop-shutdown"));
    System.out.println("LocalHadoop ready: HADOOP_CONF_DIR=" + hadoop.confDir() + " ResourceManager UI http://"
        + hadoop.resourceManagerWebAddress() + " HDFS " + hadoop.hdfsUri());
    System.out.flush();
    stopped.await();
  }
}
