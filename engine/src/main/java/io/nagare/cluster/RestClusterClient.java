package io.nagare.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.network.ClusterSecret;
import io.nagare.plan.JobGraph;
import io.nagare.plan.UserCodeSerialization;
import io.nagare.rest.RestAccess;
import io.nagare.security.tls.TlsContexts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;

/**
 * Talks to a job manager's REST endpoint for clients: submits jobs with their jar, lists, cancels,
 * takes savepoints and stops them, and waits for a job's end (by long polls, never by sleeping).
 * Every failure is an {@link IOException} whose message names the job manager and what it
 * answered. Every request presents the cluster secret, if the client has it, as {@code
 * Authorization: Bearer <secret>} ({@link io.nagare.rest.RestAccess}). Thread-safe.
 */
public final class RestClusterClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long RESULT_POLL_MILLIS = 30_000;

  private final String address;
  /** The cluster secret this client presents, or null. */
  private final ClusterSecret secret;
  private final HttpClient http;

  /** A client of the job manager at {@code host:port} (REST), presenting no secret: it can only read. */
  public RestClusterClient(String host, int port) {
    this("http://" + host + ":" + port, null);
  }

  /** A client of the job manager at {@code host:port} (REST), presenting {@code secret} (null: none). */
  public RestClusterClient(String host, int port, ClusterSecret secret) {
    this("http://" + host + ":" + port, secret);
  }

  /** A client of the REST endpoint at {@code baseUrl}, e.g. a YARN proxy's {@code http://rm:8088/proxy/<appId>}. */
  public RestClusterClient(String baseUrl) {
    this(baseUrl, (ClusterSecret) null);
  }

  /**
   * A client of the REST endpoint at {@code baseUrl}, e.g. a YARN proxy's {@code
   * http://rm:8088/proxy/<appId>}, presenting {@code secret} (null: none).
   */
  public RestClusterClient(String baseUrl, ClusterSecret secret) {
    this(baseUrl, secret, HttpClient.newBuilder());
  }

  private RestClusterClient(String baseUrl, ClusterSecret secret, HttpClient.Builder http) {
    this.address = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.secret = secret;
    this.http = http.connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * A client of the REST endpoint at {@code host:port} as a client's configuration says to reach it:
   * over https trusting {@code security.ssl.rest.truststore} when {@code security.ssl.rest.enabled},
   * presenting the cluster secret the configuration leads to ({@link ClientSecret}).
   *
   * @throws IllegalArgumentException naming the setting if the TLS settings are wrong
   */
  public static RestClusterClient of(io.nagare.api.configuration.Configuration conf, String host, int port) {
    return of(conf, TlsContexts.restScheme(conf) + "://" + host + ":" + port);
  }

  /** As {@link #of(io.nagare.api.configuration.Configuration, String, int)}, for a base URL. */
  public static RestClusterClient of(io.nagare.api.configuration.Configuration conf, String baseUrl) {
    return of(conf, baseUrl, ClientSecret.of(conf));
  }

  /**
   * A client of the REST endpoint at {@code baseUrl}, over https as {@code conf}'s {@code
   * security.ssl.rest.*} settings say, presenting {@code secret} (null: none).
   */
  public static RestClusterClient of(io.nagare.api.configuration.Configuration conf, String baseUrl,
      ClusterSecret secret) {
    HttpClient.Builder http = HttpClient.newBuilder();
    javax.net.ssl.SSLContext tls = TlsContexts.restClient(conf);
    if (tls != null) {
      http.sslContext(tls).sslParameters(TlsContexts.restClientParameters(conf));
    }
    return new RestClusterClient(baseUrl, secret, http);
  }

  /**
   * A client of the job manager a client's configuration names: {@code rest.url} if set, else
   * {@code rest.address}:{@code rest.port}; with the cluster secret the configuration leads to
   * ({@link ClientSecret}).
   *
   * @throws IllegalArgumentException if {@code rest.port} is not one port, or a named secret cannot be read
   */
  public static RestClusterClient of(io.nagare.api.configuration.Configuration conf) {
    String url = conf.get(io.nagare.api.configuration.ClusterOptions.REST_URL).trim();
    if (!url.isEmpty()) {
      return of(conf, url);
    }
    String port = conf.get(io.nagare.api.configuration.ClusterOptions.REST_PORT).trim();
    if (!port.matches("[1-9][0-9]{0,4}")) {
      throw new IllegalArgumentException("The job manager's REST port must be one port (rest.port, or -m"
          + " host:port), not '" + port + "'");
    }
    return of(conf, conf.get(io.nagare.api.configuration.ClusterOptions.REST_ADDRESS), Integer.parseInt(port));
  }

  /** The base URL this client talks to. */
  public String address() {
    return address;
  }

  /** Submits {@code job} with its {@code jar}; returns the job's id. */
  public String submit(JobGraph job, byte[] jar) throws IOException, InterruptedException {
    byte[] graph = UserCodeSerialization.serialize(job, "the job graph", job.jobName());
    ByteBuffer body = ByteBuffer.allocate(4 + graph.length + jar.length);
    body.putInt(graph.length).put(graph).put(jar);
    return send("POST", "/jobs", HttpRequest.BodyPublishers.ofByteArray(body.array())).get("jid").asText();
  }

  /**
   * The cluster's overview once exactly {@code taskManagers} task managers have registered (a 408
   * {@link Status} after {@code timeoutMillis}).
   */
  public JsonNode awaitTaskManagers(int taskManagers, long timeoutMillis) throws IOException, InterruptedException {
    return send("GET", "/overview?await-taskmanagers=" + taskManagers + "&timeout-ms=" + timeoutMillis,
        HttpRequest.BodyPublishers.noBody());
  }

  /**
   * Asks the cluster to stop ({@code POST /cluster/shutdown}, which YARN's web proxy passes on,
   * unlike Flink's {@code DELETE /cluster}, also served); a YARN session then ends its application.
   */
  public void shutDownCluster() throws IOException, InterruptedException {
    send("POST", "/cluster/shutdown", HttpRequest.BodyPublishers.noBody());
  }

  /**
   * The answer of any GET route, e.g. {@code /taskmanagers/<id>/metrics?get=Status.JVM.Threads.Count}.
   *
   * @throws Status if the answer is not 200, with its status and message
   */
  public JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    return send("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody());
  }

  /** Every job the cluster knows, as {@code {"jobs": [...]}} with Flink's keys. */
  public JsonNode jobs() throws IOException, InterruptedException {
    return send("GET", "/jobs", HttpRequest.BodyPublishers.noBody());
  }

  /** One job: id, name, state, start time, vertices with their parallelism, and the root cause of a failure. */
  public JsonNode job(String jobId) throws IOException, InterruptedException {
    return send("GET", "/jobs/" + jobId, HttpRequest.BodyPublishers.noBody());
  }

  /** Waits for the job's end; returns its state, runtime, restarts and accumulators. */
  public JsonNode awaitResult(String jobId) throws IOException, InterruptedException {
    while (true) {
      try {
        return send("GET", "/jobs/" + jobId + "/result?timeout-ms=" + RESULT_POLL_MILLIS,
            HttpRequest.BodyPublishers.noBody());
      } catch (Status e) {
        if (e.status != 408) {
          throw e;
        }
      }
    }
  }

  /** Cancels the job and waits until it has ended; returns it. */
  public JsonNode cancel(String jobId) throws IOException, InterruptedException {
    return send("POST", "/jobs/" + jobId + "/cancel", HttpRequest.BodyPublishers.noBody());
  }

  /** Takes a savepoint into {@code directory} (null: the cluster's {@code state.savepoints.dir}); returns its path. */
  public String savepoint(String jobId, String directory) throws IOException, InterruptedException {
    return send("POST", "/jobs/" + jobId + "/savepoints", target(directory)).get("location").asText();
  }

  /** Takes a savepoint, then stops the job; returns the savepoint's path. */
  public String stop(String jobId, String directory) throws IOException, InterruptedException {
    return send("POST", "/jobs/" + jobId + "/stop", target(directory)).get("location").asText();
  }

  private static HttpRequest.BodyPublisher target(String directory) throws IOException {
    return HttpRequest.BodyPublishers.ofByteArray(directory == null ? new byte[0]
        : JSON.writeValueAsBytes(Map.of("target-directory", directory)));
  }

  /** The job manager answered with an error status. */
  public static final class Status extends IOException {
    private final int status;

    Status(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }
  }

  private JsonNode send(String method, String path, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(address + path)).method(method, body)
        .timeout(Duration.ofMillis(RESULT_POLL_MILLIS + 60_000));
    if (secret != null) {
      builder.header(RestAccess.HEADER, RestAccess.SCHEME + " " + secret.encoded());
    }
    HttpRequest request = builder.build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new IOException("Cannot reach the job manager's REST endpoint at " + address + " (rest.address,"
          + " rest.port, or -m host:port): " + e.getMessage(), e);
    } catch (javax.net.ssl.SSLException e) {
      throw new IOException("TLS with the job manager's REST endpoint at " + address + " failed (is its certificate"
          + " in security.ssl.rest.truststore?): " + e.getMessage(), e);
    } catch (IOException e) {
      throw address.startsWith("http://") && !(e instanceof java.net.http.HttpTimeoutException) ? new IOException("The job manager's REST endpoint at " + address
          + " closed the connection without an answer (" + e.getMessage() + "); if it answers HTTPS only, set"
          + " security.ssl.rest.enabled and security.ssl.rest.truststore", e) : e;
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IOException("The job manager at " + address + " answered " + method + " " + path + " with "
          + response.statusCode() + " and no JSON" + (response.statusCode() == 405 && address.contains("/proxy/")
          ? " (YARN's web proxy passes only GET requests on; clients with the cluster secret go to the job manager"
          + " directly)" : ""), e);
    }
    if (response.statusCode() != 200) {
      JsonNode errors = answer == null ? null : answer.get("errors");
      String message = errors != null && errors.size() > 0 ? errors.get(0).asText() : "status "
          + response.statusCode();
      if (secret == null && (response.statusCode() == 401 || response.statusCode() == 302)) {
        message += " (this client has no cluster secret: set " + ClusterOptions.SECRET_FILE.key() + " or "
            + ClientSecret.FILE_ENV + " to the cluster's secret file; for a YARN application the client reads it from"
            + " the application's staging directory)";
      }
      throw new Status(response.statusCode(), message);
    }
    return answer;
  }
}
