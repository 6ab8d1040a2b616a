package io.nagare.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.api.common.JobExecutionException;
import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.environment.JobClient;
import io.nagare.api.environment.Pipeline;
import io.nagare.api.environment.PipelineExecutor;
import io.nagare.api.environment.PipelineExecutorFactory;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobGraphBuilder;
import io.nagare.plan.StreamGraphBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code remote} execution target: submits the job, with the jar {@code pipeline.jars} names,
 * to the job manager at {@code rest.address}:{@code rest.port} ({@code nagare run -t remote -m
 * host:port} sets all three).
 */
public final class RemoteExecutorFactory implements PipelineExecutorFactory {
  @Override
  public String target() {
    return "remote";
  }

  @Override
  public PipelineExecutor create(Configuration configuration) {
    return new Executor(configuration);
  }

  private static final class Executor implements PipelineExecutor {
    private final Configuration configuration;
    private final RestClusterClient client;

    Executor(Configuration configuration) {
      this.configuration = configuration;
      this.client = RestClusterClient.of(configuration);
    }

    @Override
    public JobExecutionResult execute(Pipeline pipeline) throws Exception {
      return new RestJobClient(client, submit(pipeline)).awaitResult();
    }

    @Override
    public JobClient executeAsync(Pipeline pipeline) throws Exception {
      return new RestJobClient(client, submit(pipeline));
    }

    private String submit(Pipeline pipeline) throws IOException, InterruptedException {
      byte[] jar = jobJar(configuration, "remote");
      JobGraph job = JobGraphBuilder.build(StreamGraphBuilder.build(pipeline));
      return client.submit(job, jar);
    }
  }

  /**
   * The bytes of the one jar {@code pipeline.jars} names, which execution target {@code target}
   * ships to the cluster.
   *
   * @throws IllegalStateException naming the problem if it names none, several, or a missing file
   */
  public static byte[] jobJar(Configuration configuration, String target) throws IOException {
    String jars = configuration.get(CoreOptions.PIPELINE_JARS).trim();
    if (jars.isEmpty()) {
      throw new IllegalStateException("The " + target + " target ships the job's jar to the cluster: run the"
          + " program with 'nagare run', or set '" + CoreOptions.PIPELINE_JARS.key() + "' to the jar");
    }
    if (jars.contains(",")) {
      throw new IllegalStateException("'" + CoreOptions.PIPELINE_JARS.key() + "' names more than one jar ("
          + jars + "); the " + target + " target ships one");
    }
    try {
      return Files.readAllBytes(Path.of(jars));
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("The job's jar " + jars + " (" + CoreOptions.PIPELINE_JARS.key()
          + ") does not exist");
    }
  }

  /** An accumulator's value as the job's code made it: of {@code type} (Long, Integer, ...) if the job manager said. */
  private static Object accumulatorValue(JsonNode value, String type) {
    return switch (type) {
      case "Long" -> value.asLong();
      case "Integer" -> value.asInt();
      case "Short" -> (short) value.asInt();
      case "Byte" -> (byte) value.asInt();
      case "Double" -> value.asDouble();
      case "Float" -> (float) value.asDouble();
      case "Boolean" -> value.asBoolean();
      case "String" -> value.asText();
      default -> value.isNumber() ? value.numberValue() : value.isBoolean() ? value.booleanValue() : value.asText();
    };
  }

  /** The job's result as a job manager's {@code /jobs/<id>/result} reported it; a failed or cancelled job throws. */
  public static JobExecutionResult resultOf(String jobId, JsonNode answer) throws JobExecutionException {
    JsonNode job = answer.get("job");
    String state = job.get("state").asText();
    String name = job.get("name").asText();
    if (state.equals("FAILED")) {
      throw new JobExecutionException(jobId, "Job '" + name + "' (" + jobId + ") failed: "
          + job.get("root-exception").asText(), null);
    }
    if (!state.equals("FINISHED")) {
      throw new JobExecutionException(jobId, "Job '" + name + "' (" + jobId + ") ended " + state, null);
    }
    Map<String, Object> accumulators = new LinkedHashMap<>();
    JsonNode types = answer.path("accumulator-types");
    answer.get("accumulators").fields().forEachRemaining(e -> accumulators.put(e.getKey(),
        accumulatorValue(e.getValue(), types.path(e.getKey()).asText(""))));
    return new JobExecutionResult(jobId, Duration.ofMillis(answer.get("net-runtime").asLong()), accumulators,
        answer.get("restarts").asInt());
  }
}
