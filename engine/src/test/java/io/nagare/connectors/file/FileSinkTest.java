package io.nagare.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.testing.TestingCommitRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file sink's transactions across a restore, without a job around it. */
class FileSinkTest {

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
    }
  }

  @Test
  void aRestoreDeletesTheOpenTransactionAndEveryLaterOneButNotEarlierPendingFiles(@TempDir Path dir)
      throws Exception {
    FileSink<String> sink = FileSink.<String>forRowFormat(dir.toUri().toString()).build();
    FileSink.FileWriter<String> writer = sink.createWriter(null);
    writer.write("before checkpoint 1", null);
    FileSink.Committable first = writer.prepareCommit().iterator().next();
    String openAtCheckpoint1 = writer.snapshotState(1).get(0);
    writer.write("before checkpoint 2", null);
    writer.prepareCommit();
    writer.write("after checkpoint 2, which never completed", null);
    writer.flush(false);
    String writerId = first.transaction().substring(0, first.transaction().indexOf('_'));
    assertThat(files(dir)).containsExactly(".part-" + writerId + "_0-0.pending", ".part-" + writerId + "_1-0.pending",
        ".part-" + writerId + "_2-0.inprogress");

    sink.restoreWriter(null, List.of(openAtCheckpoint1)).close();
    TestingCommitRequest<FileSink.Committable> commit = new TestingCommitRequest<>(first);
    sink.createCommitter(null).commit(List.of(commit));
    assertThat(commit.outcome()).isEqualTo(TestingCommitRequest.Outcome.COMMITTED);

    assertThat(files(dir)).containsExactly("part-" + writerId + "_0-0");
    assertThat(Files.readAllLines(dir.resolve("part-" + writerId + "_0-0"))).containsExactly("before checkpoint 1");
  }

  @Test
  void aWriterStateOfTheEarlierFormatDeletesThatTransactionOnly(@TempDir Path dir) throws Exception {
    String old = "0b7d2c4e-9a51-4f0e-8e25-3f1c2a6b7d90";
    Files.writeString(dir.resolve(".part-" + old + "-0.inprogress"), "open");
    Files.writeString(dir.resolve(".part-" + old + "-1.inprogress"), "open");
    Files.writeString(dir.resolve(".part-1f00aa00-0000-4000-8000-000000000000-0.pending"), "another's");
    FileSink<String> sink = FileSink.<String>forRowFormat(dir.toUri().toString()).build();

    sink.restoreWriter(null, List.of(old)).close();

    assertThat(files(dir)).containsExactly(".part-1f00aa00-0000-4000-8000-000000000000-0.pending");
  }
}
