package io.nagare.yarn.security;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.KerberosOptions;
import io.nagare.api.security.DelegationTokenProvider;
import io.nagare.fs.HadoopCredentials;
import io.nagare.yarn.Containers;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kerberos in the ApplicationMaster. On a secure cluster with a shipped keytab ({@link
 * Containers#KEYTAB_FILE} in the working directory), a {@link DelegationTokenManager} on the
 * {@code nagare-token-manager} thread logs in from it, re-obtains the application's delegation
 * tokens (its file systems' and those of the enabled {@link ServiceTokens} providers on its own
 * classpath, Kafka's say; not those in a job jar: a second copy of a client library in this JVM
 * can break the first, as Kafka's SASL provider, registered once per JVM, does) by {@code
 * security.kerberos.tokens.renewal.*}, adds them to the ApplicationMaster's Hadoop user (so
 * containers started later get them in their launch context) and its {@link
 * io.nagare.api.security.ReceivedTokens}, and hands them, in token storage format, to the task
 * managers' distributor (the job manager). Without a keytab it logs once when the tokens expire for
 * good. Starting waits for the first try, so a later attempt of the ApplicationMaster reads its job
 * store with fresh tokens. Closing stops the thread.
 */
public final class ApplicationMasterKerberos implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationMasterKerberos.class);

  private final ScheduledExecutorService thread;

  private ApplicationMasterKerberos(ScheduledExecutorService thread) {
    this.thread = thread;
  }

  /**
   * Starts keeping the tokens fresh if Hadoop security is on and a keytab was shipped.
   *
   * @param taskManagers gets each fresh set of tokens for the task managers
   */
  public static ApplicationMasterKerberos start(Configuration conf, org.apache.hadoop.conf.Configuration hadoop,
      String stagingDir, Consumer<byte[]> taskManagers) throws IOException {
    if (!UserGroupInformation.isSecurityEnabled()) {
      return new ApplicationMasterKerberos(null);
    }
    KerberosOptions.validate(conf);
    java.nio.file.Path keytab = java.nio.file.Path.of(Containers.KEYTAB_FILE).toAbsolutePath();
    if (!Files.isReadable(keytab)) {
      long maxDate = DelegationTokens.earliestMaxDate(UserGroupInformation.getCurrentUser().getCredentials());
      LOG.warn("No keytab ({}): delegation tokens are not re-obtained; the earliest expires for good at {} (in {})",
          KerberosOptions.KEYTAB.key(), maxDate < 0 ? "an unknown time" : Instant.ofEpochMilli(maxDate),
          maxDate < 0 ? "?" : Duration.ofMillis(maxDate - System.currentTimeMillis()));
      return new ApplicationMasterKerberos(null);
    }
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "nagare-token-manager");
      t.setDaemon(true);
      return t;
    });
    KeytabTokenSource fileSystems = new KeytabTokenSource(conf.get(KerberosOptions.PRINCIPAL), keytab.toString(),
        hadoop, DelegationTokens.fileSystems(conf, hadoop, stagingDir));
    List<DelegationTokenProvider> providers = ServiceTokens.enabled(conf, ApplicationMasterKerberos.class
        .getClassLoader());
    DelegationTokenManager.TokenSource source = () -> {
      DelegationTokenManager.Obtained obtained = fileSystems.obtain();
      long services = ServiceTokens.obtain(providers, conf, obtained.credentials());
      return new DelegationTokenManager.Obtained(obtained.credentials(), Math.min(obtained.earliestExpiry(),
          services));
    };
    DelegationTokenManager manager = new DelegationTokenManager(source, credentials -> {
      UserGroupInformation.getCurrentUser().addCredentials(credentials);
      HadoopCredentials.publishServiceTokens(credentials);
      taskManagers.accept(HadoopCredentials.serialize(credentials));
    }, new TokenRenewalSchedule(conf.get(KerberosOptions.RENEWAL_TIME_RATIO),
        conf.get(KerberosOptions.RENEWAL_RETRY_BACKOFF)),
        (task, delay) -> thread.schedule(task, delay, TimeUnit.MILLISECONDS), System::currentTimeMillis);
    LOG.info("Logging in from the keytab as {} to keep delegation tokens fresh", conf.get(KerberosOptions.PRINCIPAL));
    manager.start();
    try {
      manager.firstRound().join();
    } catch (java.util.concurrent.CompletionException e) {
      LOG.warn("Going on with the delegation tokens the client obtained until new ones can be obtained: {}",
          e.getCause().toString());
    }
    return new ApplicationMasterKerberos(thread);
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.shutdownNow();
    }
  }
}
