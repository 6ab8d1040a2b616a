package io.nagare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.testing.TestJars;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back-pressure between real task manager processes. One job holds two pipelines at parallelism
 * 2, so each task manager runs subtask 0 or subtask 1 of everything, and both pipelines' channels
 * from one task manager to the other share one connection. Subtask 1 of the "held" pipeline's
 * sink blocks: the source subtask on the other task manager must stop (its memory bounded by the
 * channel credits, not by what it could produce), while the "reporting" pipeline, multiplexed on
 * the same connection, delivers every record. Released, the held pipeline delivers all of its own.
 */
class ClusterBackPressureIT {
  private static final long HELD_RECORDS = 10_000_000;
  private static final long REPORTED_RECORDS = 200_000;

  private static final String JOB = "package demo;\n"
      + "import io.nagare.api.environment.StreamExecutionEnvironment;\n"
      + "import io.nagare.api.typeinfo.Types;\n"
      + "public class TwoPipelines {\n"
      + "  public static void main(String[] args) throws Exception {\n"
      + "    int port = Integer.parseInt(args[0]);\n"
      + "    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n"
      + "    env.setParallelism(2);\n"
      + "    env.fromSequence(1, Long.parseLong(args[1])).map(new Progress(args[3])).returns(Types.LONG)\n"
      + "        .rebalance().addSink(new Report<Long>(\"held\", port, true));\n"
      + "    env.fromSequence(1, Long.parseLong(args[2])).rebalance().addSink(new Report<Long>(\"reporting\", port,"
      + " false));\n"
      + "    env.execute(\"two pipelines\");\n"
      + "  }\n"
      + "}\n";
  /** Publishes how many records its subtask has passed on, every 10,000, as the file progress-<subtask>. */
  private static final String PROGRESS = "package demo;\n"
      + "import java.nio.file.*;\n"
      + "public class Progress extends io.nagare.api.functions.RichMapFunction<Long, Long> {\n"
      + "  private final String dir;\n"
      + "  private long seen;\n"
      + "  public Progress(String dir) { this.dir = dir; }\n"
      + "  public Long map(Long x) throws Exception {\n"
      + "    if (++seen % 10000 == 0) {\n"
      + "      int me = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();\n"
      + "      Path tmp = Paths.get(dir, \".progress-\" + me);\n"
      + "      Files.writeString(tmp, Long.toString(seen));\n"
      + "      Files.move(tmp, Paths.get(dir, \"progress-\" + me), StandardCopyOption.ATOMIC_MOVE);\n"
      + "    }\n"
      + "    return x;\n"
      + "  }\n"
      + "}\n";
  /**
   * Counts what its subtask receives and reports "<name> <subtask> <count>" to the test's port at the
   * end; with hold, subtask 1 first says "held" and blocks until the test answers.
   */
  private static final String REPORT = "package demo;\n"
      + "import java.io.*;\n"
      + "import java.net.Socket;\n"
      + "public class Report<T> extends io.nagare.api.functions.RichSinkFunction<T> {\n"
      + "  private final String name;\n"
      + "  private final int port;\n"
      + "  private final boolean hold;\n"
      + "  private long count;\n"
      + "  public Report(String name, int port, boolean hold) { this.name = name; this.port = port; this.hold = hold; }\n"
      + "  public void invoke(T value, Context ctx) throws Exception {\n"
      + "    if (count++ == 0 && hold && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 1) {\n"
      + "      try (Socket s = new Socket(\"127.0.0.1\", port)) {\n"
      + "        s.getOutputStream().write(\"held\\n\".getBytes());\n"
      + "        s.getOutputStream().flush();\n"
      + "        s.getInputStream().read();\n"
      + "      }\n"
      + "    }\n"
      + "  }\n"
      + "  public void close() throws Exception {\n"
      + "    try (Socket s = new Socket(\"127.0.0.1\", port)) {\n"
      + "      s.getOutputStream().write((name + \" \" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()\n"
      + "          + \" \" + count + \"\\n\").getBytes());\n"
      + "    }\n"
      + "  }\n"
      + "}\n";

  private static String firstLine(Socket s) throws Exception {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
  }

  @Test
  void aBlockedSinkStopsItsRemoteProducerWhileAnotherPipelineOnTheSameConnectionFlows(@TempDir Path dir)
      throws Exception {
    Path jar = TestJars.build(dir, "two-pipelines", Map.of("demo.TwoPipelines", JOB, "demo.Progress", PROGRESS,
        "demo.Report", REPORT), "demo.TwoPipelines");
    Path progress = Files.createDirectories(dir.resolve("progress"));
    try (LocalCluster cluster = new LocalCluster(dir, 2, "").start();
        ServerSocket reports = new ServerSocket(0)) {
      reports.setSoTimeout(120_000);
      ScriptRunner.Result submitted = cluster.nagare(60, "run", "-m", cluster.address(), "-d", jar.toString(),
          String.valueOf(reports.getLocalPort()), String.valueOf(HELD_RECORDS), String.valueOf(REPORTED_RECORDS),
          progress.toString());
      assertThat(submitted.exitCode()).as(submitted.stderr()).isZero();
      Matcher id = Pattern.compile("submitted with id ([0-9a-f]{32})").matcher(submitted.stderr());
      assertThat(id.find()).isTrue();

      Socket held = null;
      Map<String, Long> counts = new HashMap<>();
      while (held == null || counts.size() < 2) {
        Socket s = reports.accept();
        String line = firstLine(s);
        if (line.equals("held")) {
          held = s;
        } else {
          String[] parts = line.split(" ");
          assertThat(parts[0]).as(line).isEqualTo("reporting");
          counts.put(parts[0] + " " + parts[1], Long.parseLong(parts[2]));
          s.close();
        }
      }
      assertThat(counts.values().stream().mapToLong(Long::longValue).sum())
          .as("the reporting pipeline delivered everything while the held one was blocked")
          .isEqualTo(REPORTED_RECORDS);

      Path remoteProducer = progress.resolve("progress-0");
      try (WatchService watch = FileSystems.getDefault().newWatchService()) {
        progress.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        long before = Long.parseLong(Files.readString(remoteProducer));
        assertThat(watch.poll(1, TimeUnit.SECONDS)).as("the remote producer has stopped").isNull();
        assertThat(Long.parseLong(Files.readString(remoteProducer))).isEqualTo(before);
        assertThat(before).as("records the blocked pipeline's remote producer got out").isLessThan(HELD_RECORDS / 20);
      }
      JsonNode job = cluster.get("/jobs/" + id.group(1));
      assertThat(job.get("state").asText()).isEqualTo("RUNNING");
      for (JsonNode vertex : job.get("vertices")) {
        JsonNode subtasks = vertex.get("subtasks");
        assertThat(subtasks).as(vertex.toString()).hasSize(2);
        assertThat(subtasks.get(0).get("taskmanager-id").asText()).as("subtasks 0 and 1 on different task managers")
            .isNotEqualTo(subtasks.get(1).get("taskmanager-id").asText());
      }

      held.getOutputStream().write(1);
      held.close();
      long delivered = 0;
      for (int i = 0; i < 2; i++) {
        try (Socket s = reports.accept()) {
          String[] parts = firstLine(s).split(" ");
          assertThat(parts[0]).isEqualTo("held");
          delivered += Long.parseLong(parts[2]);
        }
      }
      assertThat(delivered).isEqualTo(HELD_RECORDS);
      JsonNode result = cluster.get("/jobs/" + id.group(1) + "/result?timeout-ms=120000");
      assertThat(result.get("job").get("state").asText()).isEqualTo("FINISHED");
    }
  }
}
