package io.nagare.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.api.configuration.Configuration;
import io.nagare.cluster.RestClusterClient;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The commands that act on a cluster's jobs through its job manager's REST endpoint, as Flink's
 * CLI has them: {@code list}, {@code cancel <jobId>}, {@code savepoint <jobId> [dir]} and {@code
 * stop -p <dir> <jobId>}. Each prints what happened on stdout and returns an exit code; problems go
 * to stderr as one message.
 */
final class ClusterCommands {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss")
      .withZone(ZoneId.systemDefault());

  private final RestClusterClient client;
  private final String address;
  private final PrintStream out;
  private final PrintStream err;

  /** Commands against the job manager at {@code rest.address}:{@code rest.port} of {@code configuration}. */
  ClusterCommands(Configuration configuration, PrintStream out, PrintStream err) {
    this.client = RestClusterClient.of(configuration);
    this.address = client.address().replaceFirst("^https?://", "");
    this.out = out;
    this.err = err;
  }

  /** Prints running jobs, then ended ones (with the root cause of failures). */
  int list(boolean all) throws IOException, InterruptedException {
    JsonNode jobs = client.jobs().get("jobs");
    print("Running/Restarting Jobs", jobs, true);
    if (all) {
      print("Terminated Jobs", jobs, false);
    }
    return CliFrontend.OK;
  }

  private void print(String title, JsonNode jobs, boolean running) {
    out.println("------------------ " + title + " -------------------");
    int n = 0;
    for (JsonNode job : jobs) {
      boolean ended = job.get("end-time").asLong() >= 0;
      if (ended == running) {
        continue;
      }
      n++;
      String line = TIME.format(Instant.ofEpochMilli(job.get("start-time").asLong())) + " : " + job.get("jid").asText()
          + " : " + job.get("name").asText() + " (" + job.get("state").asText() + ")";
      JsonNode cause = job.get("root-exception");
      out.println(cause == null || cause.isNull() ? line : line + " : " + cause.asText());
    }
    if (n == 0) {
      out.println(running ? "No running jobs." : "No terminated jobs.");
    }
    out.println("--------------------------------------------------------------");
  }

  int cancel(List<String> args) throws IOException, InterruptedException {
    if (args.size() != 1) {
      err.println("Usage: nagare cancel [-m host:port] <jobId>");
      return CliFrontend.USAGE;
    }
    if (!isJobId(args.get(0))) {
      return invalidJobId(args.get(0));
    }
    JsonNode job = client.cancel(args.get(0));
    out.println("Cancelled job " + args.get(0) + " (" + job.get("name").asText() + "): " + job.get("state").asText());
    return CliFrontend.OK;
  }

  int savepoint(List<String> args) throws IOException, InterruptedException {
    if (args.isEmpty() || args.size() > 2) {
      err.println("Usage: nagare savepoint [-m host:port] <jobId> [targetDirectory]");
      return CliFrontend.USAGE;
    }
    if (!isJobId(args.get(0))) {
      return invalidJobId(args.get(0));
    }
    String path = client.savepoint(args.get(0), args.size() == 2 ? args.get(1) : null);
    out.println("Savepoint completed. Path: " + path);
    out.println("Resume the job from it with: nagare run -s " + path + " ...");
    return CliFrontend.OK;
  }

  int stop(String savepointDirectory, List<String> args) throws IOException, InterruptedException {
    if (args.size() != 1) {
      err.println("Usage: nagare stop [-m host:port] [-p savepointDirectory] <jobId>");
      return CliFrontend.USAGE;
    }
    if (!isJobId(args.get(0))) {
      return invalidJobId(args.get(0));
    }
    String path = client.stop(args.get(0), savepointDirectory);
    out.println("Stopped job " + args.get(0) + " with a savepoint. Path: " + path);
    return CliFrontend.OK;
  }

  /** Whether {@code id} can be a job's id (letters, digits, '-' and '_'), so it can go into a REST path. */
  static boolean isJobId(String id) {
    return id.matches("[A-Za-z0-9_-]{1,64}");
  }

  private int invalidJobId(String id) {
    err.println("Invalid job id '" + id + "': a job id is letters and digits, as 'nagare list' shows it");
    return CliFrontend.USAGE;
  }

  /** Runs {@code command}, turning a failed request into one message naming the job manager. */
  int run(Command command) {
    try {
      return command.run();
    } catch (RestClusterClient.Status e) {
      err.println("The job manager at " + address + " refused: " + e.getMessage());
      return CliFrontend.PROGRAM_FAILED;
    } catch (IOException e) {
      err.println(e.getMessage());
      return CliFrontend.PROGRAM_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("Interrupted");
      return CliFrontend.PROGRAM_FAILED;
    }
  }

  /** One command's body. */
  interface Command {
    int run() throws IOException, InterruptedException;
  }
}
