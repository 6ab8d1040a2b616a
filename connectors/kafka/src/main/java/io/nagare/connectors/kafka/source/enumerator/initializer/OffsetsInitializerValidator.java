package io.nagare.connectors.kafka.source.enumerator.initializer;

import java.util.Properties;

/**
 * An {@link OffsetsInitializer} that needs certain source properties (a group id for committed
 * offsets); {@code KafkaSourceBuilder.build()} calls it, so a missing setting fails at build time.
 */
public interface OffsetsInitializerValidator {
  /** @throws IllegalStateException naming what is missing */
  void validate(Properties sourceProperties);
}
