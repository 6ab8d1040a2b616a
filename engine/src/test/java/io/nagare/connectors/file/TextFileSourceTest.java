package io.nagare.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.source.SourceOutput;
import io.nagare.testing.CollectSink;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileSourceTest {

  /** Lines with every awkward case: CRLF, empty lines, multi-byte UTF-8, no final newline. */
  private static final String TEXT = "first line\r\n\nzweite Zeile mit Ümlauten\n日本語の行\r\n\r\n"
      + "x\nlong " + "a".repeat(300) + "\nlast without newline";
  private static final List<String> LINES = List.of("first line", "", "zweite Zeile mit Ümlauten", "日本語の行", "",
      "x", "long " + "a".repeat(300), "last without newline");

  private static final class Collecting implements SourceOutput<String> {
    final List<String> lines = new ArrayList<>();

    @Override
    public void collect(String record) {
      lines.add(record);
    }

    @Override
    public void collect(String record, long timestamp) {
      lines.add(record);
    }
  }

  private static List<String> readAll(TextFileSource source, int parallelism) throws Exception {
    Collecting out = new Collecting();
    for (FileSplit split : source.split(parallelism)) {
      try (TextFileSource.LineCursor cursor = new TextFileSource.LineCursor(split)) {
        while (cursor.emit(out, 3)) {
          // emit until the split is exhausted
        }
      }
    }
    return out.lines;
  }

  @Test
  void everyLineIsReadExactlyOnceWhateverTheSplitSize(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("text.txt");
    Files.write(file, TEXT.getBytes(StandardCharsets.UTF_8));
    int size = (int) Files.size(file);
    for (int splitSize = 1; splitSize <= size + 1; splitSize++) {
      List<String> lines = readAll(new TextFileSource(file.toString(), splitSize), 1_000);
      assertThat(lines).as("split size %d", splitSize).containsExactlyElementsOf(LINES);
    }
  }

  @Test
  void trailingNewlineAddsNoEmptyLineAndEmptyFilesHaveNone(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "one\ntwo\n");
    Files.writeString(dir.resolve("b.txt"), "");
    Files.writeString(dir.resolve("c.txt"), "\n");
    Files.writeString(dir.resolve(".hidden"), "never\n");
    Files.writeString(dir.resolve("_SUCCESS"), "never\n");
    Files.createDirectory(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/d.txt"), "nested\n");
    for (int splitSize = 1; splitSize <= 9; splitSize++) {
      assertThat(readAll(new TextFileSource(dir.toString(), splitSize), 4)).as("split size %d", splitSize)
          .containsExactly("one", "two", "");
    }
  }

  @Test
  void splitsCoverEachFileWithoutGapsAtAboutSizeOverParallelism(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("f.txt");
    Files.writeString(file, "0123456789".repeat(10));
    List<FileSplit> splits = new TextFileSource(file.toString(), 7).split(4);
    assertThat(splits).extracting(FileSplit::start).containsExactly(0L, 25L, 50L, 75L);
    assertThat(splits).extracting(FileSplit::length).containsExactly(25L, 25L, 25L, 25L);
    assertThat(splits.get(0).path()).isEqualTo("file:" + file);
  }

  @Test
  void aSnapshotTakenMidSplitResumesWithExactlyTheRemainingLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lines.txt");
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      text.append("line ").append(i).append('\n');
      expected.add("line " + i);
    }
    Files.writeString(file, text);
    TextFileSource source = new TextFileSource(file.toString(), 10_000);
    FileSplit split = source.split(1).get(0);
    Collecting first = new Collecting();
    FileSplit snapshot;
    try (TextFileSource.LineCursor cursor = new TextFileSource.LineCursor(split)) {
      cursor.emit(first, 37);
      snapshot = cursor.snapshot();
    }
    TextFileSource.SplitSerializer serializer = new TextFileSource.SplitSerializer();
    FileSplit restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(snapshot));
    assertThat(restored).isEqualTo(snapshot);
    assertThat(restored.offset()).isEqualTo(text.indexOf("line 37"));
    Collecting rest = new Collecting();
    try (TextFileSource.LineCursor cursor = new TextFileSource.LineCursor(restored)) {
      while (cursor.emit(rest, 10)) {
        // read the remainder
      }
    }
    List<String> all = new ArrayList<>(first.lines);
    all.addAll(rest.lines);
    assertThat(first.lines).hasSize(37);
    assertThat(all).containsExactlyElementsOf(expected);
  }

  @Test
  void enumeratorCheckpointsRoundTrip() throws Exception {
    TextFileSource.CheckpointSerializer serializer = new TextFileSource.CheckpointSerializer();
    List<FileSplit> splits = List.of(new FileSplit("file:/a", 0, 10, 4), new FileSplit("hdfs://nn/b", 10, 5, 10));
    assertThat(serializer.deserialize(1, serializer.serialize(splits))).containsExactlyElementsOf(splits);
    assertThatThrownBy(() -> serializer.deserialize(2, serializer.serialize(splits)))
        .hasMessage("Unknown file enumerator checkpoint version 2; this version reads 1");
  }

  @Test
  void readTextFileInAParallelJobEmitsEveryLineOnce(@TempDir Path dir) throws Exception {
    List<String> expected = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 2_000; i++) {
        String line = "file" + f + " line " + i + " " + "é".repeat(i % 7);
        text.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
        expected.add(line);
      }
      Files.writeString(dir.resolve("part-" + f), text);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(3);
    CollectSink<String> sink = new CollectSink<>();
    env.readTextFile(dir.toString()).addSink(sink);
    env.execute("read dir");
    assertThat(sink.values()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void readTextFileGoesThroughAnyHadoopScheme(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("words.txt");
    Files.writeString(file, "alpha\nbeta\n");
    int before = CountingTestFileSystem.OPENED.get();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    CollectSink<String> sink = new CollectSink<>();
    env.readTextFile("testfs://" + file).addSink(sink);
    env.execute("testfs");
    assertThat(sink.values()).containsExactly("alpha", "beta");
    assertThat(CountingTestFileSystem.OPENED.get() - before).isEqualTo(1);
  }

  @Test
  void aMissingPathFailsTheJobNamingThePath(@TempDir Path dir) {
    Path missing = dir.resolve("no/such/input.txt");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.readTextFile(missing.toString()).addSink(new CollectSink<>());
    assertThatThrownBy(() -> env.execute("missing"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("Input path does not exist: file:" + missing)
        .cause()
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("Input path does not exist: file:" + missing);
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThatThrownBy(() -> new TextFileSource("")).hasMessage("readTextFile: the path must not be empty");
    assertThatThrownBy(() -> new TextFileSource("/x", 0)).hasMessage("minSplitSize must be at least 1, not 0");
  }
}
