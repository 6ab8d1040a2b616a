package io.nagare.security.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Writes a PKCS12 keystore holding a new key pair (EC P-256) and a self-signed certificate for
 * it, usable as both keystore and truststore: every process holding it presents the certificate
 * and trusts exactly it. The YARN client writes one per application for automatic internal TLS;
 * tests write their own. The password is random ({@link #randomPassword()}) and travels apart from
 * the file.
 *
 * <pre>{@code
 * String password = SelfSignedKeyStore.randomPassword();
 * SelfSignedKeyStore.write(Path.of("nagare.p12"), password, "nagare application_1_0001", List.of("localhost"));
 * }</pre>
 */
public final class SelfSignedKeyStore {
  /** The alias of the key and certificate in the keystore. */
  public static final String ALIAS = "nagare";
  /** How long a generated certificate is valid: far beyond any application's life. */
  public static final Duration VALIDITY = Duration.ofDays(3650);

  private SelfSignedKeyStore() {}

  /** 32 random bytes in hex. */
  public static String randomPassword() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Writes the keystore to {@code file} (readable by its owner only where the file system allows),
   * replacing it atomically. The certificate's subject is {@code CN=commonName}; {@code hosts} (names or
   * IP addresses) become its subject alternative names, for clients that check host names.
   */
  public static void write(Path file, String password, String commonName, List<String> hosts) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      X509Certificate certificate = certificate(pair, commonName, hosts);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, pair.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
      Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".nagare-keystore", ".tmp");
      try (OutputStream out = Files.newOutputStream(temporary)) {
        store.store(out, password.toCharArray());
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("Cannot generate a key pair and certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate certificate(KeyPair pair, String commonName, List<String> hosts)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", "_"));
    Instant now = Instant.now();
    BigInteger serial = new BigInteger(64, new SecureRandom());
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    List<GeneralName> names = new ArrayList<>();
    for (String host : hosts) {
      boolean ip = host.matches("[0-9.]+") || host.contains(":");
      names.add(ip ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress())
          : new GeneralName(GeneralName.dNSName, host));
    }
    if (!names.isEmpty()) {
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
    }
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }
}
