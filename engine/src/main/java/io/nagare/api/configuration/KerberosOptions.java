package io.nagare.api.configuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Kerberos on a secure Hadoop cluster, with Flink's option names: who the client and the YARN
 * ApplicationMaster log in as (a keytab and its principal, or the client's ticket cache), which
 * file systems get delegation tokens, and when the ApplicationMaster re-obtains them. With a
 * keytab, tokens are re-obtained at {@code time-ratio} of the earliest token's remaining lifetime
 * and pushed to the running task managers, so a job outlives the tokens' maximum lifetime;
 * without one, the job can run only as long as the tokens the client obtained.
 *
 * <pre>{@code
 * security.kerberos.login.keytab: /etc/security/keytabs/etl.keytab
 * security.kerberos.login.principal: etl@EXAMPLE.COM
 * security.kerberos.access.hadoopFileSystems: hdfs://archive-nn:8020
 * }</pre>
 */
public final class KerberosOptions {
  private KerberosOptions() {}

  public static final ConfigOption<String> KEYTAB = ConfigOption.key("security.kerberos.login.keytab").stringType()
      .defaultValue("").withDescription("The client's local keytab file; shipped to the YARN ApplicationMaster as a"
          + " private local resource, which logs in from it and re-obtains delegation tokens before they expire."
          + " Empty: the ticket cache, and tokens last only as long as the cluster allows.");

  public static final ConfigOption<String> PRINCIPAL = ConfigOption.key("security.kerberos.login.principal")
      .stringType().defaultValue("").withDescription("The Kerberos principal whose key the keytab holds; required"
          + " with security.kerberos.login.keytab.");

  public static final ConfigOption<Boolean> USE_TICKET_CACHE = ConfigOption.key(
      "security.kerberos.login.use-ticket-cache").booleanType().defaultValue(true)
      .withDescription("Without a keytab, whether the client uses the Kerberos ticket cache (kinit).");

  public static final ConfigOption<String> HADOOP_FILE_SYSTEMS = ConfigOption.key(
      "security.kerberos.access.hadoopFileSystems").stringType().defaultValue("")
      .withDescription("Further file systems (comma-separated URIs such as hdfs://nn2:8020) the job reads or writes,"
          + " beyond the staging, checkpoint, savepoint and archive directories, which get delegation tokens too.");

  public static final ConfigOption<Boolean> FETCH_DELEGATION_TOKEN = ConfigOption.key(
      "security.kerberos.fetch.delegation-token").booleanType().defaultValue(true)
      .withDescription("Whether the client obtains delegation tokens on a secure cluster; off when tokens come"
          + " from elsewhere.");

  public static final ConfigOption<Double> RENEWAL_TIME_RATIO = ConfigOption.key(
      "security.kerberos.tokens.renewal.time-ratio").doubleType().defaultValue(0.75)
      .withDescription("With a keytab, the ApplicationMaster re-obtains delegation tokens once this fraction of the"
          + " earliest token's remaining lifetime has passed; above 0 and below 1.");

  public static final ConfigOption<Duration> RENEWAL_RETRY_BACKOFF = ConfigOption.key(
      "security.kerberos.tokens.renewal.retry.backoff").durationType().defaultValue(Duration.ofHours(1))
      .withDescription("How long the ApplicationMaster waits before trying again when re-obtaining tokens failed.");

  /** The further file systems of {@link #HADOOP_FILE_SYSTEMS}, none if it is empty. */
  public static List<String> extraFileSystems(Configuration conf) {
    List<String> found = new ArrayList<>();
    for (String fs : conf.get(HADOOP_FILE_SYSTEMS).split(",")) {
      if (!fs.isBlank()) {
        found.add(fs.trim());
      }
    }
    return found;
  }

  /**
   * Checks the settings that depend on each other or have a range.
   *
   * @throws IllegalArgumentException naming the setting at fault
   */
  public static void validate(Configuration conf) {
    double ratio = conf.get(RENEWAL_TIME_RATIO);
    if (!(ratio > 0 && ratio < 1)) {
      throw new IllegalArgumentException(RENEWAL_TIME_RATIO.key() + " must be above 0 and below 1, not " + ratio);
    }
    if (conf.get(RENEWAL_RETRY_BACKOFF).compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(RENEWAL_RETRY_BACKOFF.key() + " must be at least 1 s, not "
          + conf.get(RENEWAL_RETRY_BACKOFF));
    }
    if (!conf.get(KEYTAB).isBlank() && conf.get(PRINCIPAL).isBlank()) {
      throw new IllegalArgumentException(PRINCIPAL.key() + " must name the principal of the keytab "
          + conf.get(KEYTAB) + " (" + KEYTAB.key() + ")");
    }
  }
}
