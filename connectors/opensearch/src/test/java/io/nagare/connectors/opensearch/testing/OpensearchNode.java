package io.nagare.connectors.opensearch.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opensearch.action.admin.cluster.health.ClusterHealthResponse;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.env.Environment;
import org.opensearch.node.Node;
import org.opensearch.node.NodeValidationException;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A real single-node OpenSearch cluster in this JVM: OpenSearch's {@link Node} from Maven Central
 * with the netty4 transport plugin for HTTP, bound to 127.0.0.1 on a free port, its data under a
 * directory of the caller's. {@link #stop()} closes the node as a shut-down server would go away;
 * {@link #restart()} starts a new node on the same port and data, which recovers the indices.
 *
 * <p>Threads: the test thread that owns the object starts and stops it; the node runs its own
 * thread pools.
 */
public final class OpensearchNode {
  /** Netty sets its processor count once per JVM; a restarted node would set it again and fail. */
  private static final String NETTY_PROCESSORS = "opensearch.set.netty.runtime.available.processors";

  private final Path home;
  private final int httpPort;
  private final Map<String, String> extraSettings;
  private Node node;

  private OpensearchNode(Path home, int httpPort, Map<String, String> extraSettings) {
    this.home = home;
    this.httpPort = httpPort;
    this.extraSettings = Map.copyOf(extraSettings);
  }

  /** A started node whose home and data are under {@code dir}, on a free HTTP port. */
  public static OpensearchNode start(Path dir) throws IOException, NodeValidationException {
    return start(dir, Map.of());
  }

  /**
   * As {@link #start(Path)}, with node settings of the caller's after the defaults, such as {@code
   * indexing_pressure.memory.limit}.
   */
  public static OpensearchNode start(Path dir, Map<String, String> extraSettings)
      throws IOException, NodeValidationException {
    Files.createDirectories(dir.resolve("config"));
    OpensearchNode node = new OpensearchNode(dir, freePort(), extraSettings);
    node.restart();
    return node;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Starts the node (again) on the same port and data directory; when this returns, every index's
   * primary shard is active.
   */
  public void restart() throws NodeValidationException {
    if (node != null) {
      throw new IllegalStateException("The OpenSearch node on port " + httpPort + " is running");
    }
    System.setProperty(NETTY_PROCESSORS, "false");
    Settings settings = Settings.builder()
        .put("cluster.name", "nagare-test")
        .put("node.name", "node-" + httpPort)
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("network.host", "127.0.0.1")
        .put("http.port", httpPort)
        .put("transport.port", "0")
        .put("discovery.type", "single-node")
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .put("action.auto_create_index", true)
        .put(Settings.builder().loadFromMap(extraSettings).build())
        .build();
    Node started = new PluginNode(new Environment(settings, home.resolve("config")), List.of(Netty4Plugin.class));
    node = started.start();
    ClusterHealthResponse health = node.client().admin().cluster().prepareHealth()
        .setWaitForYellowStatus().setTimeout(TimeValue.timeValueMinutes(1)).get();
    if (health.isTimedOut()) {
      throw new IllegalStateException("The OpenSearch node on port " + httpPort + " did not recover its indices"
          + " within a minute: " + health);
    }
  }

  /** Closes the node and waits until it has let go of its port and data. */
  public void stop() throws IOException, InterruptedException {
    if (node == null) {
      return;
    }
    Node closing = node;
    node = null;
    closing.close();
    if (!closing.awaitClose(1, TimeUnit.MINUTES)) {
      throw new IOException("The OpenSearch node on port " + httpPort + " did not close within a minute");
    }
  }

  /** The HTTP port. */
  public int httpPort() {
    return httpPort;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** A node with plugins given as classes on the class path, as OpenSearch's own test nodes take them. */
  private static final class PluginNode extends Node {
    PluginNode(Environment environment, List<Class<? extends Plugin>> plugins) {
      super(environment, plugins, true);
    }

    /**
     * Leaves out the listener that puts the node and cluster ids into log lines: it sets them once
     * per JVM and fails on a second node.
     */
    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {}
  }
}
