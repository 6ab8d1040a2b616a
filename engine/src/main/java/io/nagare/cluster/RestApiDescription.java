package io.nagare.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.nagare.api.configuration.Configuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the OpenAPI description of the job manager's REST API, generated from its route table
 * ({@code docs/rest-api.yaml}: {@code java … RestApiDescription docs/rest-api.yaml}); a test keeps
 * the published file equal to what the code generates.
 */
public final class RestApiDescription {
  private RestApiDescription() {}

  /** The description as YAML. */
  public static String yaml() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    return yaml.writeValueAsString(new JobManagerRest(null, new Configuration()).routes().openApi(
        "nagare job manager REST API", "1", "JSON over HTTP, Flink's routes and keys where Flink has them. Errors are"
            + " {\"errors\": [\"message\"]} with a 4xx or 5xx status. Routes that change anything need the"
            + " cluster secret (security scheme clusterSecret). Generated from the code by"
            + " io.nagare.cluster.RestApiDescription."));
  }

  /** Writes the description to the file {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args[0]), yaml());
  }
}
