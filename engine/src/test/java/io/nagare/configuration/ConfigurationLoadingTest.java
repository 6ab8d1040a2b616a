package io.nagare.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.CoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationLoadingTest {

  private final ConfigValidator validator = new ConfigValidator(ConfigOptionsRegistry.get());

  @Test
  void flatAndNestedKeysBecomeDottedKeysInFileOrder(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("nagare-conf.yaml"), "# comment\nparallelism.default: 3\npipeline:\n"
        + "  max-parallelism: 256\n  auto-watermark-interval: 50 ms\nexecution.target: local\n");
    Map<String, String> settings = GlobalConfiguration.load(dir);
    assertThat(settings).containsExactly(Map.entry("parallelism.default", "3"),
        Map.entry("pipeline.max-parallelism", "256"), Map.entry("pipeline.auto-watermark-interval", "50 ms"),
        Map.entry("execution.target", "local"));
    Configuration conf = validator.validate(settings, "test");
    assertThat(conf.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(3);
    assertThat(conf.get(CoreOptions.MAX_PARALLELISM)).isEqualTo(256);
    assertThat(conf.get(CoreOptions.AUTO_WATERMARK_INTERVAL)).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void aMissingFileIsAnEmptyConfiguration(@TempDir Path dir) {
    assertThat(GlobalConfiguration.load(dir)).isEmpty();
  }

  @Test
  void malformedYamlIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nagare-conf.yaml");
    Files.writeString(file, "parallelism.default: 1\nexecution.target: [local\n");
    assertThatThrownBy(() -> GlobalConfiguration.load(dir))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("Cannot parse " + file + " at line 2: while parsing a flow sequence");
  }

  @Test
  void listsAndEmptyValuesAreRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nagare-conf.yaml");
    Files.writeString(file, "execution.target:\n  - local\n");
    assertThatThrownBy(() -> GlobalConfiguration.load(dir))
        .hasMessage("The value of 'execution.target' in " + file + " must be a single value, not a list");
    Files.writeString(file, "execution.target:\n");
    assertThatThrownBy(() -> GlobalConfiguration.load(dir))
        .hasMessage("The value of 'execution.target' in " + file + " must be a single value, not empty");
  }

  @Test
  void optionsOfANamedReporterAreKnownByTheirTemplate() {
    Configuration conf = validator.validate(Map.of("metrics.reporters", "prom", "metrics.reporter.prom.port",
        "9249-9260"), "-D");
    assertThat(conf.getString("metrics.reporter.prom.port")).isEqualTo("9249-9260");
    assertThatThrownBy(() -> validator.validate(Map.of("metrics.reporter.prom.prot", "9249"), "-D"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("Unknown configuration key 'metrics.reporter.prom.prot' (from -D)");
  }

  @Test
  void unknownKeysGetADidYouMeanSuggestion() {
    assertThatThrownBy(() -> validator.validate(Map.of("paralelism.default", "2"), "-D"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("Unknown configuration key 'paralelism.default' (from -D); did you mean 'parallelism.default'?");
    assertThatThrownBy(() -> validator.validate(Map.of("completely.unrelated", "2"), "conf/nagare-conf.yaml"))
        .hasMessage("Unknown configuration key 'completely.unrelated' (from conf/nagare-conf.yaml)");
  }

  @Test
  void badValuesNameKeyValueSourceAndExpectedType() {
    assertThatThrownBy(() -> validator.validate(Map.of("parallelism.default", "abc"), "conf/nagare-conf.yaml"))
        .hasMessage("Invalid value 'abc' for 'parallelism.default' (from conf/nagare-conf.yaml): expected an integer");
    assertThatThrownBy(() -> validator.validate(Map.of("execution.buffer-timeout", "soon"), "-D"))
        .hasMessage("Invalid value 'soon' for 'execution.buffer-timeout' (from -D): expected a duration such as"
            + " 200 ms, 10 s or 5 min");
  }

  @Test
  void everyKeyOfTheShippedConfigurationFileIsValid() {
    Path conf = Path.of(System.getProperty("user.dir")).resolve("../conf").normalize();
    Map<String, String> settings = GlobalConfiguration.load(conf);
    assertThat(settings).containsKeys("execution.target", "parallelism.default", "state.backend.type");
    assertThat(validator.validate(settings, "conf/nagare-conf.yaml").toMap()).hasSameSizeAs(settings);
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(ConfigValidator.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(ConfigValidator.editDistance("", "abc")).isEqualTo(3);
    assertThat(ConfigValidator.editDistance("same", "same")).isZero();
  }
}
