package io.nagare.security.tls;

import io.nagare.api.configuration.ConfigOption;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.SecurityOptions;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS contexts of nagare's connections from the {@code security.ssl.*} settings
 * ({@link SecurityOptions}): Netty contexts for the internal servers and clients (mutual: both
 * present the internal key and trust only the internal truststore) and for the REST server, and a
 * JDK {@link SSLContext} for REST clients ({@code java.net.http.HttpClient}). Each method returns
 * null when its kind of TLS is off. Every bad setting (a missing file, a wrong password, an unknown
 * protocol or cipher suite) is an {@link IllegalArgumentException} naming the setting.
 *
 * <p>On YARN in automatic mode the internal passwords are not in the configuration: an empty
 * internal password is looked up in the container's credentials ({@link #INTERNAL_PASSWORD_ALIAS}).
 * Stateless.
 */
public final class TlsContexts {
  /** The alias under which a YARN container's credentials hold the internal keystore's password. */
  public static final String INTERNAL_PASSWORD_ALIAS = "nagare.ssl.internal.password";

  private TlsContexts() {}

  /** True if internal TLS is on but no keystore is given: on YARN, the client generates one. */
  public static boolean internalAutomatic(Configuration conf) {
    return conf.get(SecurityOptions.SSL_INTERNAL_ENABLED)
        && conf.get(SecurityOptions.SSL_INTERNAL_KEYSTORE).isBlank();
  }

  /**
   * Checks {@code security.ssl.protocol} and {@code security.ssl.algorithms} against what this JVM
   * supports, for clients that start processes elsewhere (a YARN client) to fail before they do.
   *
   * @throws IllegalArgumentException naming the setting and the unknown value
   */
  public static void checkProtocolsAndAlgorithms(Configuration conf) {
    protocols(conf);
    ciphers(conf);
  }

  /** The context of the control and data servers: mutual TLS; null if internal TLS is off. */
  public static SslContext internalServer(Configuration conf) {
    if (!conf.get(SecurityOptions.SSL_INTERNAL_ENABLED)) {
      return null;
    }
    Stores stores = internalStores(conf);
    return build(conf, SslContextBuilder.forServer(stores.keys()).trustManager(stores.trust())
        .clientAuth(ClientAuth.REQUIRE), "internal server");
  }

  /** The context of control and data clients: presents the internal key; null if internal TLS is off. */
  public static SslContext internalClient(Configuration conf) {
    if (!conf.get(SecurityOptions.SSL_INTERNAL_ENABLED)) {
      return null;
    }
    Stores stores = internalStores(conf);
    return build(conf, SslContextBuilder.forClient().keyManager(stores.keys()).trustManager(stores.trust()),
        "internal client");
  }

  /** The context of REST servers: their certificate, no client certificates; null if REST TLS is off. */
  public static SslContext restServer(Configuration conf) {
    if (!conf.get(SecurityOptions.SSL_REST_ENABLED)) {
      return null;
    }
    String keystore = required(conf, SecurityOptions.SSL_REST_KEYSTORE, SecurityOptions.SSL_REST_ENABLED);
    char[] storePassword = password(conf, SecurityOptions.SSL_REST_KEYSTORE_PASSWORD, null);
    char[] keyPassword = password(conf, SecurityOptions.SSL_REST_KEY_PASSWORD, storePassword);
    KeyManagerFactory keys = keyManagers(load(keystore, storePassword, SecurityOptions.SSL_REST_KEYSTORE,
        SecurityOptions.SSL_REST_KEYSTORE_PASSWORD), keyPassword, SecurityOptions.SSL_REST_KEY_PASSWORD);
    return build(conf, SslContextBuilder.forServer(keys), "REST server");
  }

  /**
   * The context of REST clients: trusts the REST truststore (the JDK's CAs if none is set); null
   * if REST TLS is off.
   */
  public static SSLContext restClient(Configuration conf) {
    if (!conf.get(SecurityOptions.SSL_REST_ENABLED)) {
      return null;
    }
    String truststore = conf.get(SecurityOptions.SSL_REST_TRUSTSTORE).trim();
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      TrustManagerFactory trust = null;
      if (!truststore.isEmpty()) {
        trust = trustManagers(load(truststore, password(conf, SecurityOptions.SSL_REST_TRUSTSTORE_PASSWORD, null),
            SecurityOptions.SSL_REST_TRUSTSTORE, SecurityOptions.SSL_REST_TRUSTSTORE_PASSWORD));
      }
      context.init(null, trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot set up TLS for REST clients: " + e.getMessage(), e);
    }
  }

  /** The protocols and cipher suites REST clients allow ({@code security.ssl.protocol}, {@code .algorithms}). */
  public static SSLParameters restClientParameters(Configuration conf) {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(protocols(conf).toArray(String[]::new));
    List<String> ciphers = ciphers(conf);
    if (!ciphers.isEmpty()) {
      parameters.setCipherSuites(ciphers.toArray(String[]::new));
    }
    return parameters;
  }

  /** The URL scheme of REST: https with REST TLS, else http. */
  public static String restScheme(Configuration conf) {
    return conf.get(SecurityOptions.SSL_REST_ENABLED) ? "https" : "http";
  }

  private record Stores(KeyManagerFactory keys, TrustManagerFactory trust) {}

  private static Stores internalStores(Configuration conf) {
    String keystore = required(conf, SecurityOptions.SSL_INTERNAL_KEYSTORE, SecurityOptions.SSL_INTERNAL_ENABLED);
    char[] storePassword = password(conf, SecurityOptions.SSL_INTERNAL_KEYSTORE_PASSWORD, null);
    char[] keyPassword = password(conf, SecurityOptions.SSL_INTERNAL_KEY_PASSWORD, storePassword);
    KeyManagerFactory keys = keyManagers(load(keystore, storePassword, SecurityOptions.SSL_INTERNAL_KEYSTORE,
        SecurityOptions.SSL_INTERNAL_KEYSTORE_PASSWORD), keyPassword, SecurityOptions.SSL_INTERNAL_KEY_PASSWORD);
    String truststore = conf.get(SecurityOptions.SSL_INTERNAL_TRUSTSTORE).trim();
    KeyStore trusted = truststore.isEmpty() ? load(keystore, storePassword, SecurityOptions.SSL_INTERNAL_KEYSTORE,
        SecurityOptions.SSL_INTERNAL_KEYSTORE_PASSWORD) : load(truststore, password(conf,
        SecurityOptions.SSL_INTERNAL_TRUSTSTORE_PASSWORD, storePassword), SecurityOptions.SSL_INTERNAL_TRUSTSTORE,
        SecurityOptions.SSL_INTERNAL_TRUSTSTORE_PASSWORD);
    return new Stores(keys, trustManagers(trusted));
  }

  private static SslContext build(Configuration conf, SslContextBuilder builder, String what) {
    List<String> ciphers = ciphers(conf);
    builder.sslProvider(SslProvider.JDK).protocols(protocols(conf));
    if (!ciphers.isEmpty()) {
      builder.ciphers(ciphers);
    }
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("Cannot set up TLS for the " + what + ": " + e.getMessage(), e);
    }
  }

  private static List<String> protocols(Configuration conf) {
    List<String> protocols = list(conf.get(SecurityOptions.SSL_PROTOCOL));
    Set<String> supported = Set.of(supportedParameters().getProtocols());
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("'" + SecurityOptions.SSL_PROTOCOL.key() + "' names no protocol");
    }
    for (String p : protocols) {
      if (!supported.contains(p)) {
        throw new IllegalArgumentException("Unknown TLS protocol '" + p + "' in '" + SecurityOptions.SSL_PROTOCOL.key()
            + "'; this JVM supports " + String.join(", ", supported));
      }
    }
    return protocols;
  }

  private static List<String> ciphers(Configuration conf) {
    List<String> ciphers = list(conf.get(SecurityOptions.SSL_ALGORITHMS));
    Set<String> supported = Set.of(supportedParameters().getCipherSuites());
    for (String c : ciphers) {
      if (!supported.contains(c)) {
        throw new IllegalArgumentException("Unknown cipher suite '" + c + "' in '"
            + SecurityOptions.SSL_ALGORITHMS.key() + "'");
      }
    }
    return ciphers;
  }

  private static SSLParameters supportedParameters() {
    try {
      return SSLContext.getDefault().getSupportedSSLParameters();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no TLS", e);
    }
  }

  private static List<String> list(String setting) {
    List<String> values = new ArrayList<>();
    for (String v : setting.split(",")) {
      if (!v.isBlank()) {
        values.add(v.trim());
      }
    }
    return values;
  }

  private static String required(Configuration conf, ConfigOption<String> option, ConfigOption<Boolean> enabled) {
    String value = conf.get(option).trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("'" + enabled.key() + "' is true but '" + option.key() + "' is not set");
    }
    return value;
  }

  /** The password {@code option} gives, else (internal ones) the container's credentials', else {@code otherwise}. */
  private static char[] password(Configuration conf, ConfigOption<String> option, char[] otherwise) {
    String value = conf.get(option);
    if (value.isEmpty() && option.key().startsWith("security.ssl.internal.")) {
      byte[] fromCredentials = ContainerCredentials.secretKey(INTERNAL_PASSWORD_ALIAS);
      if (fromCredentials != null) {
        return new String(fromCredentials, StandardCharsets.UTF_8).toCharArray();
      }
    }
    if (value.isEmpty() && otherwise != null) {
      return otherwise;
    }
    return value.toCharArray();
  }

  private static KeyStore load(String file, char[] password, ConfigOption<String> option,
      ConfigOption<String> passwordOption) {
    Path path = Path.of(file);
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException("Cannot read the keystore '" + file + "' named by '" + option.key() + "'");
    }
    try {
      return KeyStore.getInstance(path.toFile(), password);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot open the keystore '" + file + "' named by '" + option.key()
          + "': " + e.getMessage() + " (is '" + passwordOption.key() + "' right?)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot open the keystore '" + file + "' named by '" + option.key()
          + "': " + e.getMessage(), e);
    }
  }

  private static KeyManagerFactory keyManagers(KeyStore store, char[] keyPassword, ConfigOption<String> option) {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, keyPassword);
      return keys;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot read the key: " + e.getMessage() + " (is '" + option.key()
          + "' right?)", e);
    }
  }

  private static TrustManagerFactory trustManagers(KeyStore store) {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      return trust;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot read the trusted certificates: " + e.getMessage(), e);
    }
  }
}
