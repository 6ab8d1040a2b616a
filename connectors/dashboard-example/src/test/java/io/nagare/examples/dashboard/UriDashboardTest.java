package io.nagare.examples.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.connectors.opensearch.testing.OpensearchNodeExtension;
import io.nagare.connectors.redis.testing.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard job, run through its main method on a known access log, against a real Redis and OpenSearch. */
class UriDashboardTest {
  @RegisterExtension static RedisServerExtension redis = new RedisServerExtension();
  @RegisterExtension static OpensearchNodeExtension opensearch = new OpensearchNodeExtension();

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String line(String time, String uri) {
    return "{\"time\":\"2026-12-03T19:48:" + time + "Z\",\"level\":\"INFO\",\"method\":\"GET\",\"uri\":\"" + uri
        + "\",\"reqtime\":0.042}";
  }

  @Test
  void countsEachUriPerWindowIntoRedisAndOpenSearch(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("access.log");
    Files.write(log, List.of(
        line("01.000", "/api/items"), line("03.500", "/api/items"), line("09.999", "/login"),
        line("12.000", "/api/items"), line("08.000", "/api/items"), line("15.250", "/login"),
        line("19.000", "/login"), line("21.000", "/api/items"), line("29.999", "/api/items"),
        line("25.000", "/health")));

    UriDashboard.main(new String[] {"--input", log.toString(), "--redis", redis.address(),
        "--opensearch", opensearch.url(), "--index", "dashboard", "--ttl-seconds", "600", "--parallelism", "2",
        "--checkpoint-interval", "100"});

    assertThat(redis.client().keys(UriDashboard.REDIS_PREFIX + "*")).containsExactlyInAnyOrder(
        "dashboard:count:/api/items", "dashboard:count:/login", "dashboard:count:/health");
    assertThat(redis.client().mget("dashboard:count:/api/items", "dashboard:count:/login", "dashboard:count:/health"))
        .as("the count of each uri's latest window").containsExactly("2", "2", "1");
    for (String key : redis.client().keys(UriDashboard.REDIS_PREFIX + "*")) {
      assertThat(redis.client().pttl(key)).as("time to live of %s", key).isBetween(1L, 600_000L);
    }
    Map<String, JsonNode> expected = new HashMap<>();
    expected.put("/api/items@2026-12-03T19:48:00Z", document("/api/items", "00", "10", 3));
    expected.put("/login@2026-12-03T19:48:00Z", document("/login", "00", "10", 1));
    expected.put("/api/items@2026-12-03T19:48:10Z", document("/api/items", "10", "20", 1));
    expected.put("/login@2026-12-03T19:48:10Z", document("/login", "10", "20", 2));
    expected.put("/api/items@2026-12-03T19:48:20Z", document("/api/items", "20", "30", 2));
    expected.put("/health@2026-12-03T19:48:20Z", document("/health", "20", "30", 1));
    assertThat(opensearch.documents("dashboard")).isEqualTo(expected);
  }

  private static JsonNode document(String uri, String start, String end, int count) {
    return JSON.createObjectNode().put("uri", uri).put("start", "2026-12-03T19:48:" + start + "Z")
        .put("end", "2026-12-03T19:48:" + end + "Z").put("count", count);
  }
}
