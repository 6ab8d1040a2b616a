package io.nagare.connectors.opensearch;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.opensearch.client.RestClient;
import org.opensearch.client.RestClientBuilder;

/**
 * Where a sink's OpenSearch is (the nodes' HTTP addresses) and how to log in. Serialised with the
 * sink; each writer opens its own {@link RestClient} with {@link #connect()}, which spreads requests
 * over the hosts and skips those that failed.
 */
final class OpensearchHosts implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> urls;
  private final String user;
  private final String password;
  private final Duration timeout;

  OpensearchHosts(List<String> urls, String user, String password, Duration timeout) {
    this.urls = List.copyOf(urls);
    this.user = user;
    this.password = password;
    this.timeout = timeout;
  }

  /**
   * Checks {@code url} to be {@code http(s)://host:port} with nothing after the port; fails naming
   * {@code option} and the text.
   */
  static String check(String option, String url) {
    String problem = null;
    try {
      URI uri = new URI(url == null ? "" : url.strip());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        problem = "the scheme must be http or https";
      } else if (uri.getHost() == null || uri.getPort() < 1) {
        problem = "it needs a host and a port";
      } else if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
          || uri.getRawQuery() != null || uri.getUserInfo() != null) {
        problem = "it may hold no path, query or credentials (use setCredentials)";
      }
    } catch (URISyntaxException e) {
      problem = e.getReason();
    }
    if (problem != null) {
      throw new IllegalArgumentException(option + ": '" + url + "' is not an OpenSearch address such as"
          + " http://localhost:9200: " + problem);
    }
    return url.strip().replaceAll("/$", "");
  }

  /** A client of the hosts; it connects on its first request. */
  RestClient connect() {
    List<HttpHost> hosts = new ArrayList<>();
    for (String url : urls) {
      hosts.add(HttpHost.create(url));
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    RestClientBuilder builder = RestClient.builder(hosts.toArray(HttpHost[]::new))
        .setRequestConfigCallback(config -> config.setConnectTimeout(millis).setSocketTimeout(millis));
    if (user != null) {
      BasicCredentialsProvider credentials = new BasicCredentialsProvider();
      credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(user, password));
      builder.setHttpClientConfigCallback(client -> client.setDefaultCredentialsProvider(credentials));
    }
    return builder.build();
  }

  List<String> urls() {
    return urls;
  }

  Duration timeout() {
    return timeout;
  }

  /** The hosts as failure messages name them: {@code http://a:9200,http://b:9200}. */
  String describe() {
    return String.join(",", urls);
  }
}
