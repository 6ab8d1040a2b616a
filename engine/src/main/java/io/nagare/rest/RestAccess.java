package io.nagare.rest;

import io.nagare.api.configuration.ClusterOptions;
import io.nagare.network.ClusterSecret;
import java.net.InetAddress;
import java.util.Set;

/**
 * Who may use a {@link RestServer}'s routes, decided before any handler runs (docs/security.md,
 * "Access"). A request proves the cluster secret with the header {@code Authorization: Bearer
 * <secret>} (the secret's hex form, as in {@code cluster.secret-file}). Routes that change anything
 * (every method but GET) need it; a wrong secret is refused whatever the route. Read routes (GET)
 * are answered without it unless {@code readsNeedSecret}; behind a YARN web proxy ({@link
 * #behindProxy}) they are answered without it only from the proxy's hosts, and anyone else is
 * redirected to the same path through the proxy, as Hadoop's {@code AmIpFilter} does.
 *
 * <p>Immutable; a server swaps its instance when it is put behind a proxy.
 */
public final class RestAccess {
  /** The header that carries the secret. */
  public static final String HEADER = "Authorization";
  /** The scheme before the secret in {@link #HEADER}. */
  public static final String SCHEME = "Bearer";

  private static final String HOW = "send the cluster secret as '" + HEADER + ": " + SCHEME + " <secret>' (clients"
      + " read it from the file cluster.secret-file names; on YARN from the application's credentials)";

  /** The ResourceManager's web proxy: its hosts, and the application's URL through it (no trailing slash). */
  public record Proxy(Set<InetAddress> hosts, String url) {
    public Proxy {
      hosts = Set.copyOf(hosts);
      url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
  }

  /**
   * What the server does with a request: answer it ({@link #ANSWER}), or answer {@code status}
   * with {@code message} and, for a redirect, the {@code location} header.
   */
  public record Verdict(int status, String message, String location) {
    /** The request is served. */
    public static final Verdict ANSWER = new Verdict(200, null, null);

    /** True if the request is served. */
    public boolean answers() {
      return this == ANSWER;
    }
  }

  private final ClusterSecret secret;
  private final boolean readsNeedSecret;
  private final Proxy proxy;

  private RestAccess(ClusterSecret secret, boolean readsNeedSecret, Proxy proxy) {
    this.secret = secret;
    this.readsNeedSecret = readsNeedSecret;
    this.proxy = proxy;
  }

  /** Every route to anyone (a server that changes nothing, such as the history server). */
  public static RestAccess open() {
    return new RestAccess(null, false, null);
  }

  /** Changing routes need {@code secret}; read routes too if {@code readsNeedSecret}. */
  public static RestAccess withSecret(ClusterSecret secret, boolean readsNeedSecret) {
    return new RestAccess(java.util.Objects.requireNonNull(secret), readsNeedSecret, null);
  }

  /**
   * This access, except that requests without the secret are answered only from {@code proxy}'s
   * hosts: a GET from elsewhere is redirected through the proxy.
   *
   * @throws IllegalStateException on an open access, which has no secret for clients to present
   */
  public RestAccess behindProxy(Proxy proxy) {
    if (secret == null) {
      throw new IllegalStateException("Only an endpoint with a cluster secret can be put behind a proxy");
    }
    return new RestAccess(secret, readsNeedSecret, java.util.Objects.requireNonNull(proxy));
  }

  /**
   * The verdict on request {@code method uri} (path and query) from {@code peer}, with the value
   * of its {@link #HEADER} header ({@code null} if it has none).
   */
  public Verdict decide(String method, String uri, InetAddress peer, String authorization) {
    if (secret == null) {
      return Verdict.ANSWER;
    }
    if (authorization != null) {
      return presentsSecret(authorization) ? Verdict.ANSWER : new Verdict(401, "The " + HEADER + " header does not"
          + " present this cluster's secret; " + HOW, null);
    }
    if (!method.equals("GET")) {
      return new Verdict(401, method + " " + path(uri) + " changes the cluster and needs its secret: " + HOW, null);
    }
    if (proxy != null) {
      if (proxy.hosts().contains(peer)) {
        return Verdict.ANSWER;
      }
      String location = proxy.url() + uri;
      return new Verdict(302, "This endpoint answers browsers only through the ResourceManager's web proxy: "
          + location, location);
    }
    if (readsNeedSecret) {
      return new Verdict(401, "This cluster answers reads only with its secret ("
          + ClusterOptions.REST_READ_ONLY_ROUTES.key() + ": secret): " + HOW, null);
    }
    return Verdict.ANSWER;
  }

  private boolean presentsSecret(String authorization) {
    String value = authorization.strip();
    if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        || !Character.isWhitespace(value.charAt(SCHEME.length()))) {
      return false;
    }
    return secret.matchesEncoded(value.substring(SCHEME.length()));
  }

  private static String path(String uri) {
    int query = uri.indexOf('?');
    return query < 0 ? uri : uri.substring(0, query);
  }
}
