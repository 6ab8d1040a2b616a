package io.nagare.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.configuration.TimerServiceFactory;
import io.nagare.configuration.ConfigOptionsRegistry;
import io.nagare.configuration.ConfigValidator;
import io.nagare.configuration.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code state.backend.rocksdb.timer-service.factory}: rocksdb by default, heap on request, nothing else. */
class TimerServiceFactoryOptionTest {
  private final ConfigValidator validator = new ConfigValidator(ConfigOptionsRegistry.get());

  @Test
  void defaultsToRocksDBAndAcceptsHeap() {
    assertThat(CoreOptions.ROCKSDB_TIMER_SERVICE_FACTORY.defaultValue()).isEqualTo(TimerServiceFactory.ROCKSDB);
    assertThat(validator.validate(Map.of("state.backend.rocksdb.timer-service.factory", "heap"), "-D")
        .get(CoreOptions.ROCKSDB_TIMER_SERVICE_FACTORY)).isEqualTo(TimerServiceFactory.HEAP);
  }

  @Test
  void anUnknownValueIsRefusedNamingTheKeyTheValueAndTheChoices() {
    assertThatThrownBy(() -> validator.validate(Map.of("state.backend.rocksdb.timer-service.factory", "disk"), "-D"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("Invalid value 'disk' for 'state.backend.rocksdb.timer-service.factory' (from -D): expected one of"
            + " [rocksdb, heap]");
  }
}
