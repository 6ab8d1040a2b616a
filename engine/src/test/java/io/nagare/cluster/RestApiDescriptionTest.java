package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The published OpenAPI description is what the route table generates, so it cannot drift from the code. */
class RestApiDescriptionTest {
  @Test
  void docsRestApiYamlIsGeneratedFromTheRoutes() throws Exception {
    String generated = RestApiDescription.yaml();
    assertThat(generated).contains("  /jobs/{jobid}/checkpoints:\n").contains("  /taskmanagers/{tmid}/metrics:\n")
        .contains("openapi: 3.0.3");
    assertThat(Files.readString(Path.of("../docs/rest-api.yaml")))
        .as("docs/rest-api.yaml is stale: regenerate it with io.nagare.cluster.RestApiDescription docs/rest-api.yaml")
        .isEqualTo(generated);
  }
}
