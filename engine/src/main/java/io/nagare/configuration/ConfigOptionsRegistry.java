package io.nagare.configuration;

import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.api.configuration.ClusterOptions;
import io.nagare.api.configuration.ConfigOption;
import io.nagare.api.configuration.CoreOptions;
import io.nagare.api.configuration.HistoryServerOptions;
import io.nagare.api.configuration.KafkaSecurityOptions;
import io.nagare.api.configuration.KerberosOptions;
import io.nagare.api.configuration.MemoryOptions;
import io.nagare.api.configuration.MetricOptions;
import io.nagare.api.configuration.NetworkOptions;
import io.nagare.api.configuration.RestartStrategyOptions;
import io.nagare.api.configuration.SecurityOptions;
import io.nagare.api.configuration.YarnOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every configuration option nagare knows, found in the public static {@link ConfigOption} fields
 * of the option classes. Validation, documentation and did-you-mean suggestions all read this one
 * list, so a new option is known everywhere once it is declared. Immutable.
 */
public final class ConfigOptionsRegistry {
  /** The classes declaring options; a new options class is added here. */
  private static final List<Class<?>> OPTION_CLASSES =
      List.of(CoreOptions.class, NetworkOptions.class, CheckpointingOptions.class, RestartStrategyOptions.class,
          ClusterOptions.class, YarnOptions.class, MemoryOptions.class, MetricOptions.class,
          HistoryServerOptions.class, SecurityOptions.class, KerberosOptions.class, KafkaSecurityOptions.class);

  private static final ConfigOptionsRegistry DEFAULT = new ConfigOptionsRegistry(OPTION_CLASSES);

  private final Map<String, ConfigOption<?>> options;

  ConfigOptionsRegistry(List<Class<?>> optionClasses) {
    Map<String, ConfigOption<?>> found = new TreeMap<>();
    for (Class<?> c : optionClasses) {
      for (Field f : c.getFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
          try {
            ConfigOption<?> option = (ConfigOption<?>) f.get(null);
            ConfigOption<?> previous = found.put(option.key(), option);
            if (previous != null) {
              throw new IllegalStateException("Configuration key '" + option.key() + "' is declared twice");
            }
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read option field " + f, e);
          }
        }
      }
    }
    this.options = Collections.unmodifiableMap(found);
  }

  /** The registry of all of nagare's options. */
  public static ConfigOptionsRegistry get() {
    return DEFAULT;
  }

  /**
   * The option with {@code key}, or null. A key of a named instance ({@code
   * metrics.reporter.prom.port}) finds its template ({@code metrics.reporter.<name>.port}), a Kafka
   * login setting ({@code security.kafka.login.sasl.mechanism}) {@code security.kafka.login.<property>}.
   */
  public ConfigOption<?> option(String key) {
    ConfigOption<?> option = options.get(key);
    if (option == null && key.startsWith(KafkaSecurityOptions.LOGIN_PREFIX)
        && key.length() > KafkaSecurityOptions.LOGIN_PREFIX.length()) {
      return KafkaSecurityOptions.LOGIN_PROPERTY;
    }
    if (option == null && key.startsWith(MetricOptions.REPORTER_PREFIX)) {
      String rest = key.substring(MetricOptions.REPORTER_PREFIX.length());
      int dot = rest.indexOf('.');
      if (dot > 0) {
        option = options.get(MetricOptions.REPORTER_PREFIX + MetricOptions.REPORTER_NAME + rest.substring(dot));
      }
    }
    return option;
  }

  /** All options by key, sorted. */
  public Map<String, ConfigOption<?>> all() {
    return options;
  }
}
