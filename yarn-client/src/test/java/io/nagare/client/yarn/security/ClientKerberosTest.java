package io.nagare.client.yarn.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.client.yarn.YarnSessionCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kerberos settings the client refuses before it talks to the cluster: one message naming the
 * setting or the file, exit code 2, nothing contacted. (Keytabs with the wrong principal are
 * refused against a real KDC in the it-tests' KerberosTokenRenewalIT.)
 */
class ClientKerberosTest {
  @TempDir
  Path dir;

  private String[] run(String... args) throws Exception {
    Files.writeString(dir.resolve("nagare-conf.yaml"), "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    YarnConfiguration hadoop = new YarnConfiguration();
    hadoop.set(YarnConfiguration.RM_ADDRESS, "127.0.0.1:1");
    int code = new YarnSessionCli(dir, dir, hadoop).run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8).strip()};
  }

  @Test
  void aMissingKeytabIsRefusedNamingIt() throws Exception {
    String keytab = dir.resolve("etl.keytab").toString();
    assertThat(run("-D", "security.kerberos.login.keytab=" + keytab, "-D",
        "security.kerberos.login.principal=etl@EXAMPLE.COM", "-d"))
        .containsExactly("2", "The keytab " + keytab + " (security.kerberos.login.keytab) does not exist");
  }

  @Test
  void aFileThatIsNoKeytabIsRefusedNamingIt() throws Exception {
    Path keytab = Files.writeString(dir.resolve("notes.txt"), "not a keytab");
    String[] result = run("-D", "security.kerberos.login.keytab=" + keytab, "-D",
        "security.kerberos.login.principal=etl@EXAMPLE.COM", "-d");
    assertThat(result[0]).isEqualTo("2");
    assertThat(result[1]).startsWith("The keytab " + keytab + " (security.kerberos.login.keytab) cannot be read as a"
        + " keytab: ");
  }

  @Test
  void aKeytabWithoutPrincipalIsRefused() throws Exception {
    assertThat(run("-D", "security.kerberos.login.keytab=/etc/etl.keytab", "-d")).containsExactly("2",
        "security.kerberos.login.principal must name the principal of the keytab /etc/etl.keytab"
            + " (security.kerberos.login.keytab)");
  }

  @Test
  void aTimeRatioOutsideZeroToOneIsRefused() throws Exception {
    assertThat(run("-D", "security.kerberos.tokens.renewal.time-ratio=1.5", "-d")).containsExactly("2",
        "security.kerberos.tokens.renewal.time-ratio must be above 0 and below 1, not 1.5");
  }
}
