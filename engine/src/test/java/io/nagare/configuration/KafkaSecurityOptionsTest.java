package io.nagare.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.configuration.KafkaSecurityOptions;
import io.nagare.api.configuration.SensitiveSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kafka token settings are known keys: any Kafka client property after {@code security.kafka.login.}. */
class KafkaSecurityOptionsTest {
  private final ConfigValidator validator = new ConfigValidator(ConfigOptionsRegistry.get());

  @Test
  void theBrokersAndAnyLoginPropertyAreAcceptedAndTheLoginsJaasConfigIsSensitive() {
    Configuration conf = validator.validate(Map.of("security.kafka.bootstrap-servers", "b1:9093",
        "security.kafka.login.sasl.mechanism", "GSSAPI", "security.kafka.login.sasl.jaas.config", "x required;"),
        "-D");
    assertThat(conf.get(KafkaSecurityOptions.BOOTSTRAP_SERVERS)).isEqualTo("b1:9093");
    assertThat(conf.getString("security.kafka.login.sasl.mechanism")).isEqualTo("GSSAPI");
    assertThat(new Configuration().get(KafkaSecurityOptions.BOOTSTRAP_SERVERS)).isEmpty();
    assertThat(SensitiveSettings.isSensitive("security.kafka.login.sasl.jaas.config")).isTrue();
    assertThat(SensitiveSettings.isSensitive("security.kafka.bootstrap-servers")).isFalse();
  }

  @Test
  void theBarePrefixAndMisspelledKeysAreRefused() {
    assertThatThrownBy(() -> validator.validate(Map.of("security.kafka.login.", "x"), "-D"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("Unknown configuration key 'security.kafka.login.' (from -D)");
    assertThatThrownBy(() -> validator.validate(Map.of("security.kafka.bootstrap-server", "b1:9093"), "-D"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("Unknown configuration key 'security.kafka.bootstrap-server' (from -D); did you mean"
            + " 'security.kafka.bootstrap-servers'?");
  }
}
