package io.nagare.configuration;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code nagare-conf.yaml} from a configuration directory. Keys may be written flat
 * ({@code parallelism.default: 2}) or nested ({@code parallelism: {default: 2}}); both become the
 * dotted key. Values are kept as strings and checked by {@link ConfigValidator}.
 */
public final class GlobalConfiguration {
  /** The configuration file's name inside the configuration directory. */
  public static final String FILE_NAME = "nagare-conf.yaml";

  private GlobalConfiguration() {}

  /**
   * The settings of {@code confDir/nagare-conf.yaml} as dotted keys, in file order; empty if the
   * file does not exist.
   *
   * @throws InvalidConfigurationException naming the file (and line) if it cannot be read or parsed
   */
  public static Map<String, String> load(Path confDir) {
    Path file = confDir.resolve(FILE_NAME);
    Map<String, String> settings = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return settings;
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new InvalidConfigurationException("Cannot parse " + file + (at == null ? "" : " at line "
          + at.getLineNr()) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidConfigurationException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return settings;
    }
    if (!root.isObject()) {
      throw new InvalidConfigurationException(file + " must hold 'key: value' settings, not a " + root.getNodeType());
    }
    flatten("", root, settings, file);
    return settings;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into, Path file) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode value = e.getValue();
      if (value.isObject()) {
        flatten(key, value, into, file);
      } else if (value.isValueNode() && !value.isNull()) {
        into.put(key, value.asText());
      } else {
        throw new InvalidConfigurationException("The value of '" + key + "' in " + file
            + " must be a single value, not " + (value.isNull() ? "empty" : "a list"));
      }
    }
  }
}
