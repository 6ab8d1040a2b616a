package io.nagare.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.typeinfo.Types;
import io.nagare.cluster.JobManager;
import io.nagare.cluster.RestClusterClient;
import io.nagare.testing.CollectSink;
import io.nagare.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job manager archives an ended job's REST answers; the history server, started afterwards (the
 * cluster may be gone), answers the same paths with the same JSON.
 */
class HistoryServerTest {
  @TempDir
  Path dir;

  @Test
  void anEndedJobIsShownFromItsArchiveExactlyAsItsJobManagerShowedIt() throws Exception {
    String archives = dir.resolve("archive").toUri().toString();
    String id;
    String[] paths;
    JsonNode[] live;
    try (TestCluster cluster = TestCluster.start(new Configuration()
        .set(ClusterOptions.HEARTBEAT_TIMEOUT, Duration.ofSeconds(30)).setString("jobmanager.archive.fs.dir", archives))) {
      JobManager jm = cluster.jobManager();
      cluster.addTaskManager(2);
      StreamExecutionEnvironment env = cluster.remoteEnvironment(dir);
      env.setParallelism(2);
      env.enableCheckpointing(50);
      env.getCheckpointConfig().setCheckpointStorage(dir.resolve("checkpoints").toUri().toString());
      env.fromSequence(1, 20_000).rebalance().map(x -> x + 1, Types.LONG).addSink(new CollectSink<>());
      JobExecutionResult result = env.execute("archived");
      id = result.getJobId();
      assertThat(Files.exists(dir.resolve("archive").resolve(id))).isTrue();
      RestClusterClient client = new RestClusterClient("127.0.0.1", jm.restPort());
      paths = new String[] {"/jobs/" + id, "/jobs/" + id + "/plan", "/jobs/" + id + "/checkpoints",
          "/jobs/" + id + "/checkpoints/config", "/jobs/" + id + "/exceptions", "/jobs/" + id + "/config",
          "/jobs/" + id + "/vertices/1", "/jobs/" + id + "/vertices/1/backpressure"};
      live = new JsonNode[paths.length];
      for (int i = 0; i < paths.length; i++) {
        live[i] = client.get(paths[i]);
      }
      assertThat(live[0].get("vertices").get(1).get("metrics").get("read-records").asLong()).isEqualTo(20_000);
    }

    Configuration history = new Configuration().setString("historyserver.archive.fs.dir", archives)
        .setString("historyserver.web.address", "127.0.0.1").setString("historyserver.web.port", "0");
    try (HistoryServer server = HistoryServer.start(history)) {
      RestClusterClient client = new RestClusterClient("127.0.0.1", server.port());
      for (int i = 0; i < paths.length; i++) {
        JsonNode archived = client.get(paths[i]);
        if (paths[i].endsWith("/backpressure")) {
          assertThat(archived.get("subtasks")).isEqualTo(live[i].get("subtasks"));
        } else {
          assertThat(archived).as(paths[i]).isEqualTo(live[i]);
        }
      }
      JsonNode jobs = client.get("/jobs/overview").get("jobs");
      assertThat(jobs).hasSize(1);
      assertThat(jobs.get(0).get("jid").asText()).isEqualTo(id);
      assertThat(jobs.get(0).get("state").asText()).isEqualTo("FINISHED");
      assertThatThrownBy(() -> client.get("/jobs/0123456789abcdef0123456789abcdef"))
          .isInstanceOf(RestClusterClient.Status.class)
          .hasMessageContaining("No archived job 0123456789abcdef0123456789abcdef");
    }
  }

  @Test
  void withoutArchiveDirectoriesTheHistoryServerRefusesToStartNamingTheSetting() {
    assertThatThrownBy(() -> HistoryServer.start(new Configuration()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The history server needs historyserver.archive.fs.dir: the directories job managers archive"
            + " ended jobs to (jobmanager.archive.fs.dir)");
  }
}
