package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.KerberosOptions;
import io.nagare.client.yarn.security.ClientKerberos;
import io.nagare.fs.HadoopCredentials;
import io.nagare.yarn.security.DelegationTokenManager;
import io.nagare.yarn.security.DelegationTokens;
import io.nagare.yarn.security.KeytabTokenSource;
import io.nagare.yarn.security.TokenRenewalSchedule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kerberos against a real KDC and a kerberized HDFS whose delegation tokens live 3 s (6 s at most):
 * the token manager logs in from the user's keytab, obtains tokens for the application's file
 * systems and re-obtains them by the time ratio; a user holding only the tokens it was handed (as a
 * task manager does) keeps writing and reading past the first tokens' maximum lifetime, while a
 * user left with the first tokens is refused. The client refuses a bad keytab naming it.
 */
class KerberosTokenRenewalIT {
  @RegisterExtension
  static final SecureHdfs HDFS = new SecureHdfs();

  private record Renewal(Credentials credentials, long at) {}

  @Test
  void aTaskManagerWithPushedTokensOutlivesTheMaximumTokenLifetime() throws Exception {
    org.apache.hadoop.conf.Configuration hadoop = HDFS.conf();
    hadoop.setLong("ipc.client.connection.maxidletime", 200);
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, HDFS.hdfsUri() + "/user/alice/checkpoints");
    List<Path> fileSystems = DelegationTokens.fileSystems(conf, hadoop, HDFS.hdfsUri() + "/user/alice/.nagare/app");
    assertThat(fileSystems).extracting(Path::toString).containsExactly(HDFS.hdfsUri() + "/");

    BlockingQueue<Renewal> renewals = new LinkedBlockingQueue<>();
    UserGroupInformation taskManager = UserGroupInformation.createRemoteUser(SecureHdfs.USER);
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    try {
      new DelegationTokenManager(new KeytabTokenSource(HDFS.userPrincipal(), HDFS.userKeytab().getAbsolutePath(),
          hadoop, fileSystems), credentials -> {
            taskManager.addCredentials(HadoopCredentials.deserialize(HadoopCredentials.serialize(credentials)));
            renewals.add(new Renewal(credentials, System.currentTimeMillis()));
          }, new TokenRenewalSchedule(0.5, Duration.ofSeconds(1)),
          (task, delay) -> thread.schedule(task, delay, TimeUnit.MILLISECONDS), System::currentTimeMillis).start();

      Renewal first = next(renewals);
      assertThat(first.credentials().numberOfTokens()).isEqualTo(1);
      long firstMaxDate = DelegationTokens.earliestMaxDate(first.credentials());
      assertThat(firstMaxDate).isBetween(first.at(), first.at() + SecureHdfs.MAX_LIFETIME_MILLIS);
      UserGroupInformation stale = UserGroupInformation.createRemoteUser(SecureHdfs.USER);
      stale.addCredentials(first.credentials());

      FileSystem fs = taskManager.doAs((PrivilegedExceptionAction<FileSystem>) () ->
          FileSystem.newInstance(new Path(HDFS.hdfsUri()).toUri(), hadoop));
      Path dir = new Path(HDFS.hdfsUri() + "/user/alice/rounds");
      int rounds = 0;
      Renewal renewal = first;
      while (renewal.at() <= firstMaxDate + SecureHdfs.RENEW_INTERVAL_MILLIS) {
        write(taskManager, fs, new Path(dir, "round-" + rounds), "round " + rounds);
        rounds++;
        assertThat(readAll(taskManager, fs, dir, rounds)).isEqualTo(rounds);
        renewal = next(renewals);
      }
      write(taskManager, fs, new Path(dir, "round-" + rounds), "round " + rounds);
      rounds++;
      assertThat(readAll(taskManager, fs, dir, rounds)).isEqualTo(rounds);
      assertThat(rounds).isGreaterThanOrEqualTo(4);
      fs.close();

      assertThatThrownBy(() -> stale.doAs((PrivilegedExceptionAction<Boolean>) () -> {
        try (FileSystem staleFs = FileSystem.newInstance(new Path(HDFS.hdfsUri()).toUri(), hadoop)) {
          return staleFs.exists(dir);
        }
      })).hasStackTraceContaining("expired");
    } finally {
      thread.shutdownNow();
    }
  }

  private static Renewal next(BlockingQueue<Renewal> renewals) throws InterruptedException {
    Renewal renewal = renewals.poll(60, TimeUnit.SECONDS);
    assertThat(renewal).as("tokens re-obtained within 60 s").isNotNull();
    return renewal;
  }

  private static void write(UserGroupInformation user, FileSystem fs, Path file, String text) throws Exception {
    user.doAs((PrivilegedExceptionAction<Void>) () -> {
      try (FSDataOutputStream out = fs.create(file)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return null;
    });
  }

  /** Reads back every round's file and returns how many said what they should. */
  private static int readAll(UserGroupInformation user, FileSystem fs, Path dir, int rounds) throws Exception {
    return user.doAs((PrivilegedExceptionAction<Integer>) () -> {
      int matching = 0;
      for (int i = 0; i < rounds; i++) {
        try (var in = fs.open(new Path(dir, "round-" + i))) {
          if (new String(in.readAllBytes(), StandardCharsets.UTF_8).equals("round " + i)) {
            matching++;
          }
        }
      }
      return matching;
    });
  }

  @Test
  void theClientRefusesAMissingKeytabNamingIt() {
    Configuration conf = new Configuration();
    conf.set(KerberosOptions.KEYTAB, "/nonexistent/etl.keytab");
    conf.set(KerberosOptions.PRINCIPAL, HDFS.userPrincipal());
    assertThatThrownBy(() -> ClientKerberos.login(conf, HDFS.conf())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The keytab /nonexistent/etl.keytab (security.kerberos.login.keytab) does not exist");
  }

  @Test
  void theClientRefusesAKeytabWithoutThePrincipalNamingBoth() {
    Configuration conf = new Configuration();
    conf.set(KerberosOptions.KEYTAB, HDFS.userKeytab().getAbsolutePath());
    conf.set(KerberosOptions.PRINCIPAL, "bob@" + HDFS.realm());
    assertThatThrownBy(() -> ClientKerberos.login(conf, HDFS.conf())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The keytab " + HDFS.userKeytab().getAbsolutePath() + " has no key of the principal bob@"
            + HDFS.realm() + " (security.kerberos.login.principal); it has: " + HDFS.userPrincipal());
  }

  /**
   * As the user logged in from its keytab (in a Hadoop user of its own: the NameNode in this JVM
   * serves as the process's login user, so the test cannot log the process in as another).
   */
  @Test
  void theClientObtainsTokensForEveryFileSystemOfTheApplication() throws Exception {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.SAVEPOINTS_DIRECTORY, "file:///tmp/savepoints");
    org.apache.hadoop.conf.Configuration hadoop = HDFS.conf();
    hadoop.set("fs.defaultFS", HDFS.hdfsUri());
    UserGroupInformation user = UserGroupInformation.loginUserFromKeytabAndReturnUGI(HDFS.userPrincipal(),
        HDFS.userKeytab().getAbsolutePath());
    Credentials credentials = user.doAs((PrivilegedExceptionAction<Credentials>) () -> {
      Credentials obtained = new Credentials();
      ClientKerberos.addDelegationTokens(conf, hadoop, new Path("/user/alice/.nagare/app"), obtained);
      return obtained;
    });
    assertThat(credentials.getAllTokens()).extracting(t -> t.getKind().toString() + " " + t.decodeIdentifier()
        .getUser().getUserName()).containsExactly("HDFS_DELEGATION_TOKEN " + HDFS.userPrincipal());
  }
}
