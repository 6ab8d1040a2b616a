package io.nagare.examples.nexmark;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.examples.nexmark.source.NexmarkSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs Nexmark queries (../shared/NEXMARK.md) at parallelism 2 with heap state, one job per query,
 * and prints one line per query:
 * {@code NX q5 events=2000000 seconds=3.21 events_per_s=623052 rows=1234}, where {@code seconds}
 * is the wall time from building the job to its end. Run by {@code scripts/bench.sh NX}.
 *
 * <pre>
 * Nexmark QUERY|all [EVENTS] [--seed S] [--checkpoints] [--verify FILE]
 * </pre>
 *
 * <p>{@code EVENTS} defaults to 10,000,000 for q0–q2 and 2,000,000 for the others. With {@code
 * --checkpoints} state is kept in RocksDB with incremental checkpoints every 10 s to the temporary
 * directory. With {@code --verify FILE} the sink also writes the rows, one a line, in no particular
 * order, to {@code FILE} (to {@code FILE.QUERY} for {@code all}).
 */
public final class Nexmark {
  /** The checkpoint interval of {@code --checkpoints}, in milliseconds. */
  static final long CHECKPOINT_INTERVAL_MILLIS = 10_000;

  private Nexmark() {}

  /** The default number of events for {@code query}. */
  public static long defaultEvents(String query) {
    return switch (query) {
      case "q0", "q1", "q2" -> 10_000_000L;
      default -> 2_000_000L;
    };
  }

  public static void main(String[] args) throws Exception {
    String usage = "usage: Nexmark QUERY|all [EVENTS] [--seed S] [--checkpoints] [--verify FILE]"
        + " (queries: " + String.join(", ", NexmarkQueries.ALL) + ")";
    List<String> positional = new ArrayList<>();
    long seed = 0;
    boolean checkpoints = false;
    String verify = null;
    boolean valueMissing = false;
    for (int i = 0; i < args.length; i++) {
      boolean hasValue = i + 1 < args.length;
      switch (args[i]) {
        case "--seed" -> {
          valueMissing |= !hasValue;
          seed = hasValue ? Long.parseLong(args[++i]) : seed;
        }
        case "--checkpoints" -> checkpoints = true;
        case "--verify" -> {
          valueMissing |= !hasValue;
          verify = hasValue ? args[++i] : null;
        }
        default -> positional.add(args[i]);
      }
    }
    if (valueMissing || positional.isEmpty() || positional.size() > 2
        || !(positional.get(0).equals("all") || NexmarkQueries.ALL.contains(positional.get(0)))) {
      System.err.println(usage);
      System.exit(2);
    }
    List<String> queries = positional.get(0).equals("all") ? NexmarkQueries.ALL : List.of(positional.get(0));
    for (String query : queries) {
      long events = positional.size() > 1 ? Long.parseLong(positional.get(1)) : defaultEvents(query);
      Path file = verify == null ? null : Path.of(queries.size() > 1 ? verify + "." + query : verify).toAbsolutePath();
      System.out.println(run(query, events, seed, checkpoints, file));
    }
  }

  /** Runs {@code query} on {@code events} events and returns its {@code NX} line; writes its rows to {@code rowsFile} unless null. */
  static String run(String query, long events, long seed, boolean checkpoints, Path rowsFile) throws Exception {
    long start = System.nanoTime();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    if (checkpoints) {
      env.enableCheckpointing(CHECKPOINT_INTERVAL_MILLIS);
      env.getCheckpointConfig().setCheckpointStorage(
          Files.createTempDirectory("nagare-nexmark-chk").toUri().toString());
      env.getConfiguration().setString("state.backend.type", "rocksdb");
      env.getConfiguration().setString("state.backend.incremental", "true");
    }
    NexmarkQueries.Query<?> built = NexmarkQueries.build(query, NexmarkSource.stream(env, events, seed));
    if (rowsFile != null) {
      for (Path part : parts(rowsFile)) {
        Files.delete(part);
      }
    }
    addSink(built, rowsFile);
    JobExecutionResult result = env.execute("Nexmark " + query);
    double seconds = (System.nanoTime() - start) / 1e9;
    long rows = result.<Long>getAccumulatorResult(RowSinks.ROWS);
    if (rowsFile != null) {
      concatenateParts(rowsFile);
    }
    return String.format(Locale.ROOT, "NX %s events=%d seconds=%.2f events_per_s=%.0f rows=%d", query, events,
        seconds, events / seconds, rows);
  }

  private static <T> void addSink(NexmarkQueries.Query<T> query, Path rowsFile) {
    int parallelism = query.stream().getParallelism();
    if (rowsFile == null) {
      query.stream().addSink(new RowSinks.Counting<>()).name("count rows").setParallelism(parallelism);
    } else {
      query.stream().addSink(new RowSinks.Lines<>(rowsFile.toString(), query.format())).name("write rows")
          .setParallelism(parallelism);
    }
  }

  /** The sink subtasks' part files of {@code file}. */
  private static List<Path> parts(Path file) throws IOException {
    List<Path> parts = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(file.getParent(), file.getFileName() + ".part-*")) {
      dir.forEach(parts::add);
    }
    return parts;
  }

  /** Joins the sink subtasks' part files into {@code file} and deletes them. */
  private static void concatenateParts(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      for (Path part : parts(file)) {
        Files.copy(part, out);
        Files.delete(part);
      }
    }
  }
}
