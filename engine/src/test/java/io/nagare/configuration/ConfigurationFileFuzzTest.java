package io.nagare.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the configuration file: the shipped {@code nagare-conf.yaml}, mutated (lines
 * dropped, characters changed, YAML syntax inserted: anchors and aliases, tags, flow collections,
 * deep nesting, tabs), is either read and validated or refused with an {@link
 * InvalidConfigurationException} naming the file or the key; never another exception.
 */
class ConfigurationFileFuzzTest {
  private static final String[] SNIPPETS = {":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!binary ", "!!python/object ",
      "\t", "\"", "'", "#", "|", ">", "? ", "---\n", "...\n", "%YAML 1.2\n", "\u0000", "\ufeff", "parallelism.default",
      "a: &x [*x]\n", "b: {c: {d: {e: {f: 1}}}}\n", "key: [1, 2]\n", "key: ~\n", "\n  nested: 1\n",
      "x: " + "[".repeat(200) + "\n", "lol: &l [a,a,a,a,a,a,a,a]\nlol2: &l2 [*l,*l,*l,*l,*l,*l,*l,*l]\n"};

  @TempDir
  Path dir;

  @Test
  void mutatedConfigurationFilesAreReadOrRefusedByName() throws Exception {
    String shipped = Files.readString(Path.of("..", "conf", GlobalConfiguration.FILE_NAME));
    Random random = new Random(18);
    ConfigValidator validator = new ConfigValidator(ConfigOptionsRegistry.get());
    int refused = 0;
    for (int i = 0; i < 300; i++) {
      StringBuilder text = new StringBuilder(shipped);
      for (int n = 1 + random.nextInt(4); n > 0; n--) {
        int at = random.nextInt(text.length() + 1);
        switch (random.nextInt(3)) {
          case 0 -> text.insert(at, SNIPPETS[random.nextInt(SNIPPETS.length)]);
          case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(40)));
          default -> text.insert(at, (char) random.nextInt(128));
        }
      }
      Path confDir = Files.createDirectories(dir.resolve("c" + i));
      Files.writeString(confDir.resolve(GlobalConfiguration.FILE_NAME), text, StandardCharsets.UTF_8);
      try {
        Map<String, String> settings = GlobalConfiguration.load(confDir);
        assertThat(validator.validate(settings, "fuzz").toMap()).hasSameSizeAs(settings);
      } catch (InvalidConfigurationException e) {
        assertThat(e.getMessage()).as("%s", text).isNotBlank();
        refused++;
      }
    }
    assertThat(refused).isGreaterThan(50);
  }
}
