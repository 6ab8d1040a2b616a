package io.nagare.client.yarn;

import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.YarnOptions;
import io.nagare.configuration.ConfigOptionsRegistry;
import io.nagare.configuration.ConfigValidator;
import io.nagare.configuration.GlobalConfiguration;
import io.nagare.configuration.InvalidConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * {@code scripts/yarn-session.sh}: starts a nagare session on YARN with Flink's options, or
 * attaches to a running one ({@code -id}). Attached, it waits for {@code stop} on stdin (or
 * Ctrl-C) and then stops the session; detached ({@code -d}) it prints how to attach and stop and
 * returns. The session's application id is kept in {@code <tmp>/.yarn-properties-<user>} while it
 * runs, so {@code nagare run -t yarn-session} finds it without {@code -id}. Exit codes: 0, 1 when
 * YARN or the session fails, 2 for a bad option or setting. Only {@link #main} exits the JVM.
 */
public final class YarnSessionCli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final Path confDir;
  private final Path home;
  private final YarnConfiguration hadoop;

  /**
   * @param confDir the directory of nagare-conf.yaml (null: defaults only)
   * @param home the nagare installation
   */
  public YarnSessionCli(Path confDir, Path home, YarnConfiguration hadoop) {
    this.confDir = confDir;
    this.home = home;
    this.hadoop = hadoop;
  }

  public static void main(String[] args) {
    String dir = System.getenv("NAGARE_CONF_DIR");
    Path home = Path.of(System.getenv().getOrDefault("NAGARE_HOME", "."));
    int code = new YarnSessionCli(dir == null ? home.resolve("conf") : Path.of(dir), home, new YarnConfiguration())
        .run(args, System.in, System.out, System.err);
    System.exit(code);
  }

  static Options options() {
    Options options = new Options();
    options.addOption(Option.builder("jm").longOpt("jobManagerMemory").hasArg().argName("size")
        .desc("Memory of the ApplicationMaster's container, e.g. 1024m (jobmanager.memory.process.size)").build());
    options.addOption(Option.builder("tm").longOpt("taskManagerMemory").hasArg().argName("size")
        .desc("Memory of each TaskManager's container, e.g. 1728m (taskmanager.memory.process.size)").build());
    options.addOption(Option.builder("s").longOpt("slots").hasArg().argName("n")
        .desc("Slots per TaskManager (taskmanager.numberOfTaskSlots)").build());
    options.addOption(Option.builder("n").longOpt("taskManagers").hasArg().argName("n")
        .desc("TaskManagers to start with (default 0: requested as jobs need slots)").build());
    options.addOption(Option.builder("qu").longOpt("queue").hasArg().argName("queue").desc("YARN queue").build());
    options.addOption(Option.builder("nm").longOpt("name").hasArg().argName("name")
        .desc("Application name").build());
    options.addOption(Option.builder("at").longOpt("applicationType").hasArg().argName("type")
        .desc("Application type (default NAGARE)").build());
    options.addOption(Option.builder("t").longOpt("ship").hasArg().argName("files")
        .desc("Files shipped to every container, comma-separated").build());
    options.addOption(Option.builder("D").numberOfArgs(2).valueSeparator('=').argName("key=value")
        .desc("A configuration setting, overriding nagare-conf.yaml").build());
    options.addOption(Option.builder("d").longOpt("detached").desc("Start the session and return").build());
    options.addOption(Option.builder("id").longOpt("applicationId").hasArg().argName("appId")
        .desc("Attach to a running session").build());
    options.addOption(Option.builder("h").longOpt("help").desc("Show this help").build());
    return options;
  }

  /** Runs the command; returns its exit code. */
  public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    CommandLine line;
    try {
      line = new DefaultParser().parse(options(), args);
    } catch (ParseException e) {
      err.println(e.getMessage() + ". Run 'yarn-session.sh -h' for the options.");
      return USAGE;
    }
    if (line.hasOption("h")) {
      java.io.PrintWriter w = new java.io.PrintWriter(out);
      new HelpFormatter().printHelp(w, 100, "yarn-session.sh [options]", "Options:", options(), 2, 2, "");
      w.flush();
      return OK;
    }
    if (!line.getArgList().isEmpty()) {
      err.println("Unexpected argument '" + line.getArgList().get(0) + "'. Run 'yarn-session.sh -h' for the options.");
      return USAGE;
    }
    Configuration conf;
    try {
      conf = configuration(line);
    } catch (InvalidConfigurationException e) {
      err.println(e.getMessage());
      return USAGE;
    }
    try (YarnSessions sessions = new YarnSessions(conf, hadoop, home, confDir, out)) {
      YarnSessions.Session session;
      if (line.hasOption("id")) {
        ApplicationId id = ApplicationId.fromString(line.getOptionValue("id"));
        session = sessions.find(id);
        out.println("Attached to session " + id + "; REST " + session.restUrl()
            + "; tracking URL " + session.trackingUrl());
      } else {
        session = sessions.deploy();
        SessionProperties.write(session.applicationId());
      }
      if (line.hasOption("d")) {
        out.println("The session runs detached. Attach with: scripts/yarn-session.sh -id " + session.applicationId());
        out.println("Stop it with: echo stop | scripts/yarn-session.sh -id " + session.applicationId()
            + " (or yarn application -kill " + session.applicationId() + ")");
        return OK;
      }
      return attached(sessions, session, in, out);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return USAGE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("Interrupted");
      return FAILED;
    } catch (Exception e) {
      err.println("The YARN session failed: " + e.getMessage());
      return FAILED;
    }
  }

  /** Waits for "stop" on stdin (or Ctrl-C), then stops the session; at end of input, waits for the session's end. */
  private int attached(YarnSessions sessions, YarnSessions.Session session, InputStream in, PrintStream out)
      throws Exception {
    Thread stopOnInterrupt = new Thread(() -> {
      try {
        sessions.stop(session);
        SessionProperties.delete(session.applicationId());
      } catch (Exception e) {
        out.println("Could not stop session " + session.applicationId() + ": " + e.getMessage());
      }
    }, "nagare-session-stop");
    Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
    out.println("Type 'stop' (or press Ctrl-C) to stop the session.");
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String input;
    while ((input = reader.readLine()) != null) {
      if (input.trim().equals("stop")) {
        Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
        ApplicationReport report = sessions.stop(session);
        SessionProperties.delete(session.applicationId());
        out.println("Session " + session.applicationId() + " stopped: " + report.getFinalApplicationStatus());
        return OK;
      }
      out.println("Unknown command '" + input.trim() + "'; type 'stop' to stop the session.");
    }
    ApplicationReport report = sessions.await(session.applicationId(), java.util.EnumSet.of(
        YarnApplicationState.FINISHED));
    Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
    out.println("Session " + session.applicationId() + " ended: " + report.getFinalApplicationStatus());
    return OK;
  }

  /** nagare-conf.yaml, then -D, then the options, validated together. */
  private Configuration configuration(CommandLine line) {
    ConfigValidator validator = new ConfigValidator(ConfigOptionsRegistry.get());
    Configuration conf = new Configuration();
    if (confDir != null && Files.exists(confDir.resolve(GlobalConfiguration.FILE_NAME))) {
      conf.addAll(validator.validate(GlobalConfiguration.load(confDir),
          confDir.resolve(GlobalConfiguration.FILE_NAME).toString()));
    }
    Map<String, String> dynamic = new LinkedHashMap<>();
    String[] d = line.getOptionValues("D");
    if (d != null) {
      if (d.length % 2 != 0) {
        throw new InvalidConfigurationException("-D " + d[d.length - 1] + " has no value; write -D key=value");
      }
      for (int i = 0; i + 1 < d.length; i += 2) {
        dynamic.put(d[i], d[i + 1]);
      }
    }
    option(line, "jm", YarnOptions.JOB_MANAGER_MEMORY.key(), dynamic, true);
    option(line, "tm", YarnOptions.TASK_MANAGER_MEMORY.key(), dynamic, true);
    option(line, "s", ClusterOptions.TASK_SLOTS.key(), dynamic, false);
    option(line, "n", YarnOptions.INITIAL_TASK_MANAGERS.key(), dynamic, false);
    option(line, "qu", YarnOptions.APPLICATION_QUEUE.key(), dynamic, false);
    option(line, "nm", YarnOptions.APPLICATION_NAME.key(), dynamic, false);
    option(line, "at", YarnOptions.APPLICATION_TYPE.key(), dynamic, false);
    option(line, "t", YarnOptions.SHIP_FILES.key(), dynamic, false);
    conf.addAll(validator.validate(dynamic, "the command line"));
    return conf;
  }

  /** Puts option {@code opt} as {@code key}; memory sizes without a unit are megabytes, as in Flink. */
  private static void option(CommandLine line, String opt, String key, Map<String, String> dynamic, boolean memory) {
    if (line.hasOption(opt)) {
      String value = line.getOptionValue(opt).trim();
      dynamic.put(key, memory && value.matches("[0-9]+") ? value + "m" : value);
    }
  }

  /** The file naming the session this user deployed last: {@code <java.io.tmpdir>/.yarn-properties-<user>}. */
  public static final class SessionProperties {
    private SessionProperties() {}

    static Path file() {
      return Path.of(System.getProperty("java.io.tmpdir"), ".yarn-properties-" + System.getProperty("user.name"));
    }

    static void write(ApplicationId id) throws IOException {
      Files.writeString(file(), "applicationID=" + id + "\n");
    }

    /** Removes the file if it names {@code id}. */
    static void delete(ApplicationId id) throws IOException {
      ApplicationId current = read();
      if (id.equals(current)) {
        Files.deleteIfExists(file());
      }
    }

    /** The application the file names, or null. */
    public static ApplicationId read() throws IOException {
      if (!Files.exists(file())) {
        return null;
      }
      for (String l : Files.readAllLines(file())) {
        if (l.startsWith("applicationID=")) {
          return ApplicationId.fromString(l.substring("applicationID=".length()).trim());
        }
      }
      return null;
    }
  }
}
