package io.nagare.runtime.checkpoint;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Savepoints written by earlier versions and by this one (test resources under {@code savepoints/},
 * see its README) are restored by this one, at their parallelism and at another, every key's state intact.
 */
class LegacySavepointTest {
  private static final int KEYS = 100;

  private static String resource(String name) throws URISyntaxException {
    return Path.of(LegacySavepointTest.class.getResource("/savepoints/" + name + "/_metadata").toURI()).getParent()
        .toUri().toString();
  }

  @ParameterizedTest
  @CsvSource({"v1-hashmap, 2", "v1-hashmap, 100", "v1-rocksdb, 2", "v1-rocksdb, 100", "v2-hashmap, 2",
      "v2-hashmap, 100", "v2-rocksdb, 2", "v2-rocksdb, 100", "v3-hashmap, 2", "v3-hashmap, 100", "v3-rocksdb, 2",
      "v3-rocksdb, 100", "v4-hashmap, 2", "v4-hashmap, 100", "v4-rocksdb, 2", "v4-rocksdb, 100"})
  void aSavepointOfAnEarlierFormatRestoresEveryKey(String savepoint, int parallelism, @TempDir Path dir)
      throws Exception {
    String backend = savepoint.substring(savepoint.indexOf('-') + 1);
    TallyJob.Result restored = TallyJob.run(new TallyJob.Run(backend, parallelism, -1, KEYS, resource(savepoint)),
        dir);
    TallyJob.assertEveryKeyCounted(restored.counts(), KEYS, 2);
  }
}
