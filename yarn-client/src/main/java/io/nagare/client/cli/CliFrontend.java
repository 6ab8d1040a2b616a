package io.nagare.client.cli;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.configuration.ConfigOptionsRegistry;
import io.nagare.configuration.ConfigValidator;
import io.nagare.configuration.GlobalConfiguration;
import io.nagare.configuration.InvalidConfigurationException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nagare} command: {@code run} submits a job jar's program to an execution target
 * ({@code local}, this JVM, or {@code remote}, a standalone cluster); {@code list}, {@code cancel},
 * {@code savepoint} and {@code stop} act on a cluster's jobs. Everything is checked before the program starts — options, the
 * configuration file and {@code -D} settings, the jar and its main class — and each problem is one
 * message naming the culprit, with exit code 2; a program or job that fails exits with 1.
 *
 * <p>Only {@link #main} exits the JVM; {@link #run} returns the exit code, so tests call it in
 * process.
 */
public final class CliFrontend {
  /** Exit codes. */
  static final int OK = 0;
  static final int PROGRAM_FAILED = 1;
  static final int USAGE = 2;

  private static final Logger LOG = LoggerFactory.getLogger(CliFrontend.class);
  private static final List<String> SUPPORTED_TARGETS = List.of("local", "remote", "yarn-session", "yarn-per-job");

  private final Path confDir;

  /** @param confDir the directory holding nagare-conf.yaml, or null to use only the defaults */
  public CliFrontend(Path confDir) {
    this.confDir = confDir;
  }

  public static void main(String[] args) {
    String dir = System.getenv("NAGARE_CONF_DIR");
    if (dir == null && System.getenv("NAGARE_HOME") != null) {
      dir = Path.of(System.getenv("NAGARE_HOME"), "conf").toString();
    }
    LOG.debug("Command '{}', configuration directory {}", args.length == 0 ? "" : args[0], dir);
    int code = new CliFrontend(dir == null ? null : Path.of(dir)).run(args, System.out, System.err);
    System.exit(code);
  }

  /** Runs one command; returns its exit code. */
  public int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      printUsage(err);
      return USAGE;
    }
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "run":
        return runCommand(rest, out, err);
      case "list":
      case "cancel":
      case "savepoint":
      case "stop":
        return clusterCommand(command, rest, out, err);
      case "-h":
      case "--help":
      case "help":
        printUsage(out);
        return OK;
      case "-v":
      case "--version":
        out.println("nagare " + version());
        return OK;
      default:
        err.println("Unknown command '" + command + "'. Commands: run, list, cancel, savepoint, stop, help,"
            + " --version.");
        return USAGE;
    }
  }

  private static String version() {
    String v = CliFrontend.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }

  static Options runOptions() {
    Options options = new Options();
    options.addOption(Option.builder("c").longOpt("class").hasArg().argName("classname")
        .desc("The program's main class (default: the jar manifest's Main-Class)").build());
    options.addOption(Option.builder("p").longOpt("parallelism").hasArg().argName("n")
        .desc("Default parallelism of the job (parallelism.default)").build());
    options.addOption(Option.builder("t").longOpt("target").hasArg().argName("target")
        .desc("Where to run: local (this process), remote (a standalone cluster; the default with -m),"
            + " yarn-session (the session -D yarn.application.id=<appId> names, or the one you started last)"
            + " or yarn-per-job (an application of its own)").build());
    options.addOption(jobManagerOption());
    options.addOption(Option.builder("d").longOpt("detached")
        .desc("Submit the job and return without waiting for its end (remote target)").build());
    options.addOption(Option.builder("D").numberOfArgs(2).valueSeparator('=').argName("key=value")
        .desc("A configuration setting, overriding nagare-conf.yaml").build());
    options.addOption(Option.builder("s").longOpt("fromSavepoint").hasArg().argName("path")
        .desc("Start the job from a checkpoint or savepoint directory (execution.savepoint.path)").build());
    options.addOption(Option.builder("n").longOpt("allowNonRestoredState")
        .desc("Drop state of operators the job no longer has instead of refusing to start").build());
    options.addOption(Option.builder("h").longOpt("help").desc("Show this help").build());
    return options;
  }

  private static Option jobManagerOption() {
    return Option.builder("m").longOpt("jobmanager").hasArg().argName("host:port")
        .desc("The cluster's job manager, its REST address (rest.address and rest.port)").build();
  }

  /** The options of list, cancel, savepoint and stop. */
  static Options clusterOptions(String command) {
    Options options = new Options();
    options.addOption(jobManagerOption());
    options.addOption(Option.builder("t").longOpt("target").hasArg().argName("target")
        .desc("remote (the default) or yarn-session (-D yarn.application.id=<appId>, or the session deployed"
            + " last)").build());
    options.addOption(Option.builder("D").numberOfArgs(2).valueSeparator('=').argName("key=value")
        .desc("A configuration setting, overriding nagare-conf.yaml").build());
    if (command.equals("list")) {
      options.addOption(Option.builder("a").longOpt("all").desc("Also show jobs that have ended").build());
    }
    if (command.equals("stop")) {
      options.addOption(Option.builder("p").longOpt("savepointPath").hasArg().argName("dir")
          .desc("Where the savepoint goes (default: state.savepoints.dir)").build());
    }
    options.addOption(Option.builder("h").longOpt("help").desc("Show this help").build());
    return options;
  }

  private int clusterCommand(String command, String[] args, PrintStream out, PrintStream err) {
    Options options = clusterOptions(command);
    CommandLine line;
    try {
      line = new DefaultParser().parse(options, args);
    } catch (ParseException e) {
      err.println(e.getMessage() + ". Run 'nagare " + command + " -h' for the options.");
      return USAGE;
    }
    if (line.hasOption('h')) {
      java.io.PrintWriter w = new java.io.PrintWriter(out);
      new HelpFormatter().printHelp(w, 100, "nagare " + command + " [options]" + (command.equals("list") ? ""
          : " <jobId>") + (command.equals("savepoint") ? " [targetDirectory]" : ""), "Options:", options, 2, 2, "");
      w.flush();
      return OK;
    }
    ClusterCommands commands;
    try {
      Configuration configuration = configuration(line, false);
      if (line.hasOption('t')) {
        configuration.set(CoreOptions.EXECUTION_TARGET, line.getOptionValue('t'));
      }
      commands = new ClusterCommands(YarnTargets.resolve(configuration, err), out, err);
    } catch (InvalidConfigurationException | IllegalArgumentException e) {
      err.println(e.getMessage());
      return USAGE;
    } catch (Exception e) {
      err.println(e.getMessage());
      return PROGRAM_FAILED;
    }
    List<String> positional = line.getArgList();
    switch (command) {
      case "list":
        return commands.run(() -> commands.list(line.hasOption('a')));
      case "cancel":
        return commands.run(() -> commands.cancel(positional));
      case "savepoint":
        return commands.run(() -> commands.savepoint(positional));
      default:
        return commands.run(() -> commands.stop(line.getOptionValue('p'), positional));
    }
  }

  private static void printUsage(PrintStream stream) {
    java.io.PrintWriter w = new java.io.PrintWriter(stream);
    w.println("Usage: nagare <command> [options]");
    w.println("Commands:");
    w.println("  run [options] <jar> [program arguments]   runs a job jar's program");
    w.println("  list [-m host:port] [-a]                  lists a cluster's jobs");
    w.println("  cancel [-m host:port] <jobId>             cancels a job");
    w.println("  savepoint [-m host:port] <jobId> [dir]    takes a savepoint of a job");
    w.println("  stop [-m host:port] [-p dir] <jobId>      stops a job with a savepoint");
    w.println("  help                                      shows this help");
    w.println("  --version                                 prints the version");
    w.println();
    new HelpFormatter().printHelp(w, 100, "nagare run [options] <jar> [program arguments]", "Options:",
        runOptions(), 2, 2, "");
    w.flush();
  }

  private int runCommand(String[] args, PrintStream out, PrintStream err) {
    CommandLine line;
    try {
      line = new DefaultParser().parse(runOptions(), args, true);
    } catch (ParseException e) {
      err.println(e.getMessage() + ". Run 'nagare run -h' for the options.");
      return USAGE;
    }
    if (line.hasOption('h')) {
      printUsage(out);
      return OK;
    }
    List<String> positional = line.getArgList();
    if (!positional.isEmpty() && positional.get(0).startsWith("-")) {
      err.println("Unrecognized option: " + positional.get(0) + ". Run 'nagare run -h' for the options.");
      return USAGE;
    }
    if (positional.isEmpty()) {
      err.println("No job jar given. Usage: nagare run [options] <jar> [program arguments]");
      return USAGE;
    }
    Configuration configuration;
    try {
      configuration = configuration(line, true);
    } catch (InvalidConfigurationException e) {
      err.println(e.getMessage());
      return USAGE;
    }
    String target = configuration.get(CoreOptions.EXECUTION_TARGET);
    if (!SUPPORTED_TARGETS.contains(target)) {
      err.println("Execution target '" + target + "' is not supported; supported targets: "
          + String.join(", ", SUPPORTED_TARGETS));
      return USAGE;
    }
    try {
      configuration = YarnTargets.resolve(configuration, err);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return USAGE;
    } catch (Exception e) {
      err.println(e.getMessage());
      return PROGRAM_FAILED;
    }
    target = configuration.get(CoreOptions.EXECUTION_TARGET);
    Path jar;
    try {
      jar = Path.of(positional.get(0)).toAbsolutePath();
    } catch (java.nio.file.InvalidPathException e) {
      err.println("Invalid job jar path '" + positional.get(0).replace("\0", "\\0") + "': " + e.getReason());
      return USAGE;
    }
    if (!target.equals("local")) {
      configuration.set(CoreOptions.PIPELINE_JARS, jar.toString());
    }
    if (line.hasOption('d')) {
      if (target.equals("local")) {
        err.println("-d (detached) needs a cluster target: -t remote or -m host:port");
        return USAGE;
      }
      configuration.set(CoreOptions.ATTACHED, false);
    }
    String[] programArgs = positional.subList(1, positional.size()).toArray(new String[0]);
    return new ProgramRunner(jar, line.getOptionValue('c'), programArgs, configuration, err).run();
  }

  /**
   * nagare-conf.yaml, then -D, then -m (and, for {@code run}, -t, -s, -n and -p), validated
   * together.
   */
  private Configuration configuration(CommandLine line, boolean run) {
    ConfigValidator validator = new ConfigValidator(ConfigOptionsRegistry.get());
    Configuration configuration = new Configuration();
    if (confDir != null) {
      configuration.addAll(validator.validate(GlobalConfiguration.load(confDir),
          confDir.resolve(GlobalConfiguration.FILE_NAME).toString()));
    }
    Map<String, String> dynamic = new LinkedHashMap<>();
    String[] d = line.getOptionValues('D');
    if (d != null) {
      for (int i = 0; i + 1 < d.length; i += 2) {
        dynamic.put(d[i], d[i + 1]);
      }
      if (d.length % 2 != 0) {
        throw new InvalidConfigurationException("-D " + d[d.length - 1] + " has no value; write -D key=value");
      }
    }
    if (line.hasOption('m')) {
      String address = line.getOptionValue('m');
      int colon = address.lastIndexOf(':');
      if (colon <= 0 || !address.substring(colon + 1).matches("[1-9][0-9]{0,4}")) {
        throw new InvalidConfigurationException("Invalid job manager address '" + address + "' (-m): expected"
            + " host:port");
      }
      dynamic.put(ClusterOptions.REST_ADDRESS.key(), address.substring(0, colon));
      dynamic.put(ClusterOptions.REST_PORT.key(), address.substring(colon + 1));
      if (run) {
        dynamic.put(CoreOptions.EXECUTION_TARGET.key(), "remote");
      }
    }
    if (run && line.hasOption('t')) {
      dynamic.put(CoreOptions.EXECUTION_TARGET.key(), line.getOptionValue('t'));
    }
    if (run && line.hasOption('s')) {
      dynamic.put(CheckpointingOptions.RESTORE_PATH.key(), line.getOptionValue('s'));
    }
    if (run && line.hasOption('n')) {
      dynamic.put(CheckpointingOptions.IGNORE_UNCLAIMED_STATE.key(), "true");
    }
    if (run && line.hasOption('p')) {
      String p = line.getOptionValue('p');
      if (!p.matches("[1-9][0-9]*")) {
        throw new InvalidConfigurationException("Invalid parallelism '" + p + "' (-p): expected a positive integer");
      }
      dynamic.put(CoreOptions.DEFAULT_PARALLELISM.key(), p);
    }
    configuration.addAll(validator.validate(dynamic, "the command line"));
    int parallelism = configuration.get(CoreOptions.DEFAULT_PARALLELISM);
    if (parallelism < 1) {
      throw new InvalidConfigurationException("Invalid value '" + parallelism + "' for '"
          + CoreOptions.DEFAULT_PARALLELISM.key() + "': expected a positive integer");
    }
    return configuration;
  }
}
