package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job store keeps whole jobs only: each file is written aside and renamed, and partial jobs are skipped. */
class JobStoreTest {

  @Test
  void storedJobsAreReadBackWholeAndReplacedWhole(@TempDir Path dir) throws Exception {
    JobStore store = new JobStore(dir.toUri().toString(), new org.apache.hadoop.conf.Configuration());
    store.put("job-1", new byte[] {1, 2}, new byte[] {3});
    store.put("job-1", new byte[] {4, 5, 6}, new byte[] {7});

    assertThat(store.jobs()).singleElement().satisfies(job -> {
      assertThat(job.jobId()).isEqualTo("job-1");
      assertThat(job.jobGraph()).containsExactly(4, 5, 6);
      assertThat(job.jar()).containsExactly(7);
    });
    try (var files = Files.list(dir.resolve("job-1"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.endsWith(".crc")))
          .containsExactlyInAnyOrder("job.graph", "job.jar");
    }
  }

  @Test
  void aJobWhoseGraphWasNotCompletelyWrittenIsSkipped(@TempDir Path dir) throws Exception {
    JobStore store = new JobStore(dir.toUri().toString(), new org.apache.hadoop.conf.Configuration());
    store.put("job-1", new byte[] {1}, new byte[] {2});
    Files.createDirectories(dir.resolve("job-2"));
    Files.write(dir.resolve("job-2/job.jar"), new byte[] {3});
    Files.write(dir.resolve("job-2/.job.graph.inprogress"), new byte[] {4});

    assertThat(store.jobs()).extracting(JobStore.StoredJob::jobId).containsExactly("job-1");
    store.remove("job-1");
    assertThat(store.jobs()).isEmpty();
  }
}
