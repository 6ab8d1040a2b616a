package io.nagare.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.authentication.util.KerberosName;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real KDC (MiniKdc) and a kerberized HDFS (MiniDFSCluster, one DataNode) in the test JVM, shared
 * by a test class (a static {@code @RegisterExtension} field). The NameNode and DataNode log in as
 * {@value #SERVICE}, block access tokens and (unless turned off) SASL on data transfer are
 * on, and delegation tokens live {@link #renewIntervalMillis()} until renewed and {@link
 * #maxLifetimeMillis()} at most (by default {@value #RENEW_INTERVAL_MILLIS} and {@value
 * #MAX_LIFETIME_MILLIS} ms), so tests see them expire. The user {@value #USER} has a keytab of
 * its own ({@link #userKeytab()}). File permissions are not checked (a job manager in the test JVM
 * writes as the NameNode's user what a task manager writes as {@value #USER}); authentication is.
 * Afterwards Hadoop's process-wide login is set back to simple
 * authentication for the ITs that follow in the JVM.
 */
final class SecureHdfs implements BeforeAllCallback, AfterAllCallback {
  static final String USER = "alice";
  /**
   * The NameNode's and the DataNode's principal: one, because both log in as the JVM's one Hadoop
   * login user, and a NameNode that found itself logged in as the DataNode would refuse clients.
   */
  static final String SERVICE = "hdfs/localhost";
  static final long RENEW_INTERVAL_MILLIS = 3_000;
  static final long MAX_LIFETIME_MILLIS = 6_000;

  private final long renewIntervalMillis;
  private final long maxLifetimeMillis;
  private final boolean saslDataTransfer;
  private Path base;
  private MiniKdc kdc;
  private MiniDFSCluster hdfs;
  private Configuration conf;
  private File userKeytab;
  private File serviceKeytab;

  /** Delegation tokens living {@value #RENEW_INTERVAL_MILLIS} ms, {@value #MAX_LIFETIME_MILLIS} ms at most. */
  SecureHdfs() {
    this(RENEW_INTERVAL_MILLIS, MAX_LIFETIME_MILLIS, true);
  }

  /**
   * Delegation tokens living {@code renewIntervalMillis} until renewed, {@code maxLifetimeMillis} at
   * most; with {@code saslDataTransfer} off, the DataNode checks block access tokens but does not
   * require SASL on data transfer ({@code dfs.data.transfer.protection}). A kerberized YARN in this
   * JVM needs it off: the NodeManager's DefaultContainerExecutor downloads containers' resources in
   * the NodeManager's JVM with a Hadoop configuration loaded from the classpath, which holds none of
   * the cluster's settings, and a DataNode expecting SASL resets that client's connections.
   */
  SecureHdfs(long renewIntervalMillis, long maxLifetimeMillis, boolean saslDataTransfer) {
    this.renewIntervalMillis = renewIntervalMillis;
    this.maxLifetimeMillis = maxLifetimeMillis;
    this.saslDataTransfer = saslDataTransfer;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    base = Files.createTempDirectory("nagare-securehdfs");
    Properties kdcConf = MiniKdc.createConf();
    kdc = new MiniKdc(kdcConf, Files.createDirectories(base.resolve("kdc")).toFile());
    kdc.start();
    KerberosName.resetDefaultRealm();
    String realm = kdc.getRealm();
    serviceKeytab = base.resolve("services.keytab").toFile();
    kdc.createPrincipal(serviceKeytab, "hdfs/localhost", "HTTP/localhost");
    userKeytab = base.resolve(USER + ".keytab").toFile();
    kdc.createPrincipal(userKeytab, USER);

    conf = new Configuration();
    conf.set("hadoop.security.authentication", "kerberos");
    conf.set("dfs.namenode.kerberos.principal", SERVICE + "@" + realm);
    conf.set("dfs.namenode.keytab.file", serviceKeytab.getAbsolutePath());
    conf.set("dfs.datanode.kerberos.principal", SERVICE + "@" + realm);
    conf.set("dfs.datanode.keytab.file", serviceKeytab.getAbsolutePath());
    conf.set("dfs.web.authentication.kerberos.principal", "HTTP/localhost@" + realm);
    conf.set("dfs.web.authentication.kerberos.keytab", serviceKeytab.getAbsolutePath());
    conf.setBoolean("dfs.block.access.token.enable", true);
    if (saslDataTransfer) {
      conf.set("dfs.data.transfer.protection", "authentication");
    }
    conf.setBoolean("ignore.secure.ports.for.testing", true);
    conf.setLong("dfs.namenode.delegation.token.renew-interval", renewIntervalMillis);
    conf.setLong("dfs.namenode.delegation.token.max-lifetime", maxLifetimeMillis);
    conf.setBoolean("dfs.permissions.enabled", false);
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
    UserGroupInformation.setConfiguration(conf);
    UserGroupInformation.loginUserFromKeytab(SERVICE + "@" + realm, serviceKeytab.getAbsolutePath());
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitClusterUp();
    var fs = hdfs.getFileSystem();
    fs.mkdirs(new org.apache.hadoop.fs.Path("/user/" + USER));
    fs.setOwner(new org.apache.hadoop.fs.Path("/user/" + USER), USER, USER);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (hdfs != null) {
        hdfs.shutdown();
      }
    } finally {
      if (kdc != null) {
        kdc.stop();
      }
      UserGroupInformation.reset();
      UserGroupInformation.setConfiguration(new Configuration());
      org.apache.commons.io.FileUtils.deleteQuietly(base.toFile());
    }
  }

  /** The cluster's client configuration (kerberos authentication, the services' principals). */
  Configuration conf() {
    return new Configuration(conf);
  }

  /** The running HDFS, for YARN to start on ({@link MiniHadoop#kerberized}). */
  MiniDFSCluster cluster() {
    return hdfs;
  }

  long renewIntervalMillis() {
    return renewIntervalMillis;
  }

  long maxLifetimeMillis() {
    return maxLifetimeMillis;
  }

  /** The principal every Hadoop service in the test JVM logs in as, with the realm. */
  String servicePrincipal() {
    return SERVICE + "@" + kdc.getRealm();
  }

  String hdfsUri() {
    return hdfs.getURI().toString();
  }

  String userPrincipal() {
    return USER + "@" + kdc.getRealm();
  }

  File userKeytab() {
    return userKeytab;
  }

  File serviceKeytab() {
    return serviceKeytab;
  }

  File krb5Conf() {
    return kdc.getKrb5conf();
  }

  String realm() {
    return kdc.getRealm();
  }
}
