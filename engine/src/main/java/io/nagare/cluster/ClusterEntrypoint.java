package io.nagare.cluster;

import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.configuration.ConfigOptionsRegistry;
import io.nagare.security.tls.TlsContexts;
import io.nagare.configuration.ConfigValidator;
import io.nagare.configuration.GlobalConfiguration;
import io.nagare.configuration.InvalidConfigurationException;
import io.nagare.network.ClusterSecret;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a standalone cluster, started by {@code scripts/start-cluster.sh}:
 *
 * <pre>
 * ClusterEntrypoint jobmanager  [-D key=value ...]
 * ClusterEntrypoint taskmanager [-D key=value ...]
 * ClusterEntrypoint await-taskmanagers N [-D key=value ...]   (waits until N have registered)
 * ClusterEntrypoint historyserver [-D key=value ...]           (serves archived jobs)
 * </pre>
 *
 * Configuration comes from {@code $NAGARE_CONF_DIR/nagare-conf.yaml}, then the {@code -D}
 * settings; the cluster secret from the file {@code cluster.secret-file} names (or
 * {@code $NAGARE_CLUSTER_SECRET_FILE}). Exit codes: 0 stopped normally, 1 failed, 2 bad usage or
 * configuration.
 */
public final class ClusterEntrypoint {
  private ClusterEntrypoint() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command; returns its exit code. The job manager and task manager return only when stopped. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("Usage: ClusterEntrypoint jobmanager|taskmanager|historyserver|await-taskmanagers N"
          + " [-D key=value ...]");
      return 2;
    }
    int first = args[0].equals("await-taskmanagers") ? 2 : 1;
    Configuration conf;
    try {
      conf = configuration(args, first);
    } catch (IllegalArgumentException | InvalidConfigurationException e) {
      err.println(e.getMessage());
      return 2;
    }
    try {
      switch (args[0]) {
        case "jobmanager":
          return runJobManager(conf, secret(conf), out);
        case "taskmanager":
          return runTaskManager(conf, secret(conf), out, err);
        case "await-taskmanagers":
          return awaitTaskManagers(conf, args.length > 1 ? args[1] : "", out, err);
        case "historyserver":
          return runHistoryServer(conf, out);
        default:
          err.println("Unknown command '" + args[0] + "'; expected jobmanager, taskmanager, historyserver or"
              + " await-taskmanagers");
          return 2;
      }
    } catch (IllegalArgumentException | IOException e) {
      err.println(e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** The configuration of {@code NAGARE_CONF_DIR} with the {@code -D key=value} settings from {@code args[first]} on. */
  public static Configuration configuration(String[] args, int first) {
    Map<String, String> settings = new LinkedHashMap<>();
    String dir = System.getenv("NAGARE_CONF_DIR");
    if (dir != null && !dir.isEmpty()) {
      settings.putAll(GlobalConfiguration.load(Path.of(dir)));
    }
    for (int i = first; i < args.length; i++) {
      String arg = args[i];
      String setting;
      if (arg.equals("-D") && i + 1 < args.length) {
        setting = args[++i];
      } else if (arg.startsWith("-D") && arg.length() > 2) {
        setting = arg.substring(2);
      } else {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "'; settings are given as -D key=value");
      }
      int eq = setting.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Setting '" + setting + "' is not of the form key=value");
      }
      settings.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
    }
    return new ConfigValidator(ConfigOptionsRegistry.get()).validate(settings, "the configuration");
  }

  /** The alias under which a YARN container's credentials hold the cluster secret. */
  public static final String SECRET_CREDENTIALS_ALIAS = "nagare.cluster.secret";

  /**
   * The cluster secret: from the file {@code cluster.secret-file} (or {@code
   * NAGARE_CLUSTER_SECRET_FILE}) names, else from the process's Hadoop credentials (a YARN
   * container's tokens, readable only by the application's user), whose tokens of other services
   * it hands to {@link io.nagare.api.security.ReceivedTokens} on the way.
   */
  public static ClusterSecret secret(Configuration conf) throws IOException {
    String file = conf.get(ClusterOptions.SECRET_FILE);
    if (file.isEmpty()) {
      file = System.getenv().getOrDefault("NAGARE_CLUSTER_SECRET_FILE", "");
    }
    if (file.isEmpty() && System.getenv("HADOOP_TOKEN_FILE_LOCATION") != null) {
      org.apache.hadoop.security.Credentials container = org.apache.hadoop.security.UserGroupInformation
          .getCurrentUser().getCredentials();
      io.nagare.fs.HadoopCredentials.publishServiceTokens(container);
      byte[] key = container.getSecretKey(new org.apache.hadoop.io.Text(SECRET_CREDENTIALS_ALIAS));
      if (key != null) {
        return ClusterSecret.fromEncoded(new String(key, StandardCharsets.US_ASCII));
      }
    }
    if (file.isEmpty()) {
      throw new IllegalArgumentException("No cluster secret: set 'cluster.secret-file' (scripts/start-cluster.sh"
          + " creates one) or NAGARE_CLUSTER_SECRET_FILE, or run in a YARN container whose credentials hold it");
    }
    try {
      return ClusterSecret.fromEncoded(Files.readString(Path.of(file), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new IOException("Cannot read the cluster secret from " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (in " + file + ")");
    }
  }

  private static int runJobManager(Configuration conf, ClusterSecret secret, PrintStream out)
      throws IOException, InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    JobManager jm = JobManager.start(conf, secret, new StandaloneResourceDriver());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      jm.close();
      stopped.countDown();
    }, "nagare-shutdown"));
    out.println("nagare job manager ready: control port " + jm.controlPort() + ", REST " + TlsContexts.restScheme(conf)
        + "://" + conf.get(ClusterOptions.REST_ADDRESS) + ":" + jm.restPort());
    out.flush();
    jm.shutdownRequested().thenRun(stopped::countDown);
    stopped.await();
    jm.close();
    return 0;
  }

  private static int runHistoryServer(Configuration conf, PrintStream out) throws IOException, InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    io.nagare.history.HistoryServer server = io.nagare.history.HistoryServer.start(conf);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "nagare-shutdown"));
    out.println("nagare history server ready: " + TlsContexts.restScheme(conf) + "://"
        + java.net.InetAddress.getLocalHost().getHostName() + ":"
        + server.port() + "/");
    out.flush();
    stopped.await();
    return 0;
  }

  private static int runTaskManager(Configuration conf, ClusterSecret secret, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    TaskManager tm = TaskManager.start(conf, secret);
    Runtime.getRuntime().addShutdownHook(new Thread(tm::close, "nagare-shutdown"));
    out.println("nagare task manager " + tm.id() + " started: data port " + tm.dataPort());
    out.flush();
    try {
      tm.terminated().join();
      return 0;
    } catch (java.util.concurrent.CompletionException e) {
      err.println(e.getCause().getMessage());
      tm.close();
      return 1;
    }
  }

  /**
   * Sends {@code request}; while the endpoint refuses connections (the job manager is still
   * starting) tries again, backing off, until {@code deadlineNanos}.
   */
  private static CompletableFuture<HttpResponse<String>> request(HttpClient client, HttpRequest request,
      long deadlineNanos, long delayMillis) {
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
      if (error == null) {
        return CompletableFuture.completedFuture(response);
      }
      Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
      if (!(cause instanceof java.net.ConnectException) || System.nanoTime() > deadlineNanos) {
        return CompletableFuture.<HttpResponse<String>>failedFuture(cause);
      }
      return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(delayMillis,
          TimeUnit.MILLISECONDS)).thenCompose(x -> request(client, request, deadlineNanos,
              Math.min(2_000, delayMillis * 2)));
    }).thenCompose(f -> f);
  }

  /** An HTTP client of the REST endpoint: with REST TLS, trusting {@code security.ssl.rest.truststore}. */
  private static HttpClient restClient(Configuration conf) {
    HttpClient.Builder http = HttpClient.newBuilder();
    javax.net.ssl.SSLContext tls = TlsContexts.restClient(conf);
    if (tls != null) {
      http.sslContext(tls).sslParameters(TlsContexts.restClientParameters(conf));
    }
    return http.build();
  }

  private static int awaitTaskManagers(Configuration conf, String count, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    if (!count.matches("[0-9]+")) {
      err.println("await-taskmanagers needs the number of task managers, not '" + count + "'");
      return 2;
    }
    String port = conf.get(ClusterOptions.REST_PORT).trim();
    URI uri = URI.create(TlsContexts.restScheme(conf) + "://" + conf.get(ClusterOptions.REST_ADDRESS) + ":" + port
        + "/overview?await-taskmanagers=" + count + "&timeout-ms=60000");
    HttpResponse<String> response;
    try {
      response = request(restClient(conf), HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(70))
          .build(), System.nanoTime() + TimeUnit.SECONDS.toNanos(60), 100).join();
    } catch (java.util.concurrent.CompletionException e) {
      err.println("Cannot reach the job manager's REST endpoint at " + uri.getHost() + ":" + port + ": "
          + e.getCause());
      return 1;
    }
    if (response.statusCode() != 200) {
      err.println("The job manager answered " + response.statusCode() + ": " + response.body());
      return 1;
    }
    out.println(response.body());
    return 0;
  }
}
