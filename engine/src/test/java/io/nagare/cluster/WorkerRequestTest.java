package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.network.ClusterSecret;
import io.nagare.testing.CollectSink;
import io.nagare.testing.NumbersUntilCheckpoints;
import io.nagare.testing.SecretFiles;
import io.nagare.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job manager without task managers gets them through its resource driver: as many workers as
 * a job's slots need, and a replacement for a worker the driver reports lost.
 */
class WorkerRequestTest {
  private final ClusterSecret secret = ClusterSecret.generate();
  private TestingResourceDriver driver;
  private JobManager jm;
  @TempDir
  Path dir;
  private Path jar;

  @BeforeEach
  void startJobManager() throws Exception {
    Configuration conf = TestCluster.loopback()
        .set(ClusterOptions.TASK_SLOTS, 2)
        .set(ClusterOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(200))
        .set(ClusterOptions.HEARTBEAT_TIMEOUT, Duration.ofSeconds(30));
    Configuration workers = new Configuration().addAll(conf);
    driver = new TestingResourceDriver(workers, secret);
    jm = JobManager.start(conf, secret, driver);
    workers.set(ClusterOptions.JOB_MANAGER_PORT, String.valueOf(jm.controlPort()));
    jar = dir.resolve("job.jar");
    new JarOutputStream(Files.newOutputStream(jar)).close();
  }

  @AfterEach
  void stop() {
    jm.close();
  }

  @Test
  void aJobGetsTheWorkersItsSlotsNeed() throws Exception {
    assertThat(jm.overview().get(10, TimeUnit.SECONDS).taskmanagers()).isZero();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1", jm.restPort(),
        new Configuration().set(ClusterOptions.SECRET_FILE, SecretFiles.write(secret, dir).toString()), jar.toString());
    env.setParallelism(3);
    CollectSink<Long> sink = new CollectSink<>();
    env.fromSequence(1, 3000).map(x -> x * 2, Types.LONG).addSink(sink);
    env.execute("needs three slots");

    assertThat(driver.requests()).containsExactly(new ResourceDriver.WorkerSpec(2),
        new ResourceDriver.WorkerSpec(2));
    assertThat(sink.values()).hasSize(3000);
    assertThat(sink.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3000L * 3001);
    ClusterInfo.Overview overview = jm.overview().get(10, TimeUnit.SECONDS);
    assertThat(overview.taskmanagers()).isEqualTo(2);
    assertThat(overview.slotsAvailable()).isEqualTo(4);
  }

  @Test
  void workersIdleForTheTimeoutAreGivenBackDownToTheOnesToKeep() throws Exception {
    jm.releaseIdleWorkers(Duration.ofMillis(300), 1);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1", jm.restPort(),
        new Configuration().set(ClusterOptions.SECRET_FILE, SecretFiles.write(secret, dir).toString()), jar.toString());
    env.setParallelism(3);
    env.fromSequence(1, 3000).map(x -> x * 2, Types.LONG).addSink(new CollectSink<>());
    env.execute("needs two workers for a while");
    assertThat(driver.requests()).hasSize(2);

    ClusterInfo.Overview overview = jm.awaitTaskManagers(1).get(30, TimeUnit.SECONDS);
    assertThat(overview.taskmanagers()).isEqualTo(1);
    assertThat(overview.taskmanagersLost()).isZero();
    assertThat(driver.released()).hasSize(1).isSubsetOf("worker-1", "worker-2");
  }

  @Test
  void aWorkerReportedLostIsReplacedAndTheJobResumesFromItsCheckpoint() throws Exception {
    String id = java.util.UUID.randomUUID().toString();
    ClusterJobTest.CountingUntilToldOff.CHECKPOINTED.put(id, new CountDownLatch(1));
    NumbersUntilCheckpoints numbers = NumbersUntilCheckpoints.endingOnlyAfterRestore(4);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1", jm.restPort(),
        new Configuration().set(ClusterOptions.SECRET_FILE, SecretFiles.write(secret, dir).toString()), jar.toString());
    env.setParallelism(4);
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    ClusterJobTest.countPerKeyWithCheckpoints(env, dir, numbers, id, sink);
    JobClient job = env.executeAsync("replaced");

    assertThat(ClusterJobTest.CountingUntilToldOff.CHECKPOINTED.get(id).await(60, TimeUnit.SECONDS)).isTrue();
    driver.kill("worker-1");
    JobExecutionResult result = job.getJobExecutionResult().get(120, TimeUnit.SECONDS);

    assertThat(driver.requests()).hasSize(3);
    assertThat(result.getRestarts()).isEqualTo(1);
    long counted = 0;
    for (Tuple2<Long, Long> t : sink.values()) {
      counted += t.f1;
    }
    assertThat(counted).isEqualTo(numbers.emitted());
    assertThat(jm.overview().get(10, TimeUnit.SECONDS).taskmanagersLost()).isEqualTo(1);
  }
}
