package io.nagare.examples.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.connectors.opensearch.testing.OpensearchNode;
import io.nagare.connectors.redis.testing.RedisServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.http.HttpHost;
import org.opensearch.client.Request;
import org.opensearch.client.RestClient;
import redis.clients.jedis.RedisClient;

/**
 * Runs the dashboard on this machine with the test servers: a Redis ({@link RedisServer}, Debian's
 * {@code redis-server}) and an OpenSearch node ({@link OpensearchNode}), both under {@code
 * target/dashboard-local}; runs {@link UriDashboard} on the access log given as the argument (or on
 * one minute of generated lines), prints what Redis and OpenSearch hold, and stops both. Started by
 * {@code scripts/dashboard-example.sh}.
 */
public final class LocalDashboard {
  private static final List<String> URIS = List.of("/api/items", "/api/orders", "/login", "/health");

  private LocalDashboard() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of("target", "dashboard-local").toAbsolutePath();
    Files.createDirectories(dir.resolve("redis"));
    Path log = args.length > 0 ? Path.of(args[0]) : generate(dir.resolve("access.log"));
    try (RedisServer redis = RedisServer.start(dir.resolve("redis"), List.of())) {
      OpensearchNode opensearch = OpensearchNode.start(dir.resolve("opensearch"));
      try {
        UriDashboard.main(new String[] {"--input", log.toString(), "--redis", redis.address(),
            "--opensearch", opensearch.url(), "--ttl-seconds", "600"});
        print(redis, opensearch);
      } finally {
        opensearch.stop();
      }
    }
  }

  /** One minute of access-log lines, 20 a second, over a few uris, in time order. */
  private static Path generate(Path file) throws Exception {
    Random random = new Random(42);
    Instant start = Instant.parse("2026-12-03T19:48:00Z");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      lines.add("{\"time\":\"" + start.plusMillis(i * 50L) + "\",\"level\":\"INFO\",\"method\":\"GET\",\"uri\":\""
          + URIS.get(random.nextInt(URIS.size())) + "\",\"reqtime\":" + random.nextInt(100) / 1000.0 + "}");
    }
    Files.write(file, lines);
    System.out.println("Generated " + lines.size() + " access-log lines in " + file);
    return file;
  }

  private static void print(RedisServer redis, OpensearchNode opensearch) throws Exception {
    try (RedisClient client = RedisClient.builder().hostAndPort("127.0.0.1", redis.port()).build()) {
      System.out.println("Redis at " + redis.address() + ":");
      for (String key : new TreeSet<>(client.keys(UriDashboard.REDIS_PREFIX + "*"))) {
        System.out.println("  " + key + " = " + client.get(key) + " (expires in " + client.pttl(key) / 1000 + " s)");
      }
    }
    try (RestClient client = RestClient.builder(HttpHost.create(opensearch.url())).build()) {
      client.performRequest(new Request("POST", "/uri-counts/_refresh"));
      Request search = new Request("POST", "/uri-counts/_search");
      search.setJsonEntity("{\"size\":1000,\"sort\":[{\"_id\":\"asc\"}]}");
      JsonNode hits;
      try (InputStream in = client.performRequest(search).getEntity().getContent()) {
        hits = new ObjectMapper().readTree(in).path("hits").path("hits");
      }
      System.out.println("OpenSearch at " + opensearch.url() + ", index uri-counts (" + hits.size() + " documents):");
      for (JsonNode hit : hits) {
        System.out.println("  " + hit.path("_id").asText() + " " + hit.path("_source"));
      }
    }
  }
}
