package io.nagare.connectors.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.connectors.opensearch.testing.OpensearchNodeExtension;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the job tests write for each number {@code n} of {@code 0..count-1}, and the check that the
 * indices hold exactly what a run without failures leaves. Documents of {@code <p>-last} group
 * numbers of one source split ({@code n / 500}, with splits of a multiple of 500 numbers), so one
 * subtask writes each, in order, and its final fields are known. Upserts are few: OpenSearch
 * refreshes the shard for each update of a document changed since the last refresh.
 */
final class NumbersInOpensearch {
  private NumbersInOpensearch() {}

  /**
   * For {@code n}: index {"n": n} as document {@code n} of {@code <p>-numbers}; for {@code n % 50
   * == 49} upsert {"last": n} into document {@code n/500} of {@code <p>-last}; and for {@code n % 100
   * == 99} delete document {@code n - 50} of {@code <p>-numbers}. All carry ids, so replays
   * overwrite.
   */
  static OpensearchEmitter<Long> emitter(String prefix) {
    return (n, context, indexer) -> {
      indexer.add(IndexRequest.of(prefix + "-numbers", Long.toString(n), Map.of("n", n)));
      if (n % 50 == 49) {
        indexer.add(UpdateRequest.upsert(prefix + "-last", Long.toString(n / 500), Map.of("last", n)));
      }
      if (n % 100 == 99) {
        indexer.add(DeleteRequest.of(prefix + "-numbers", Long.toString(n - 50)));
      }
    };
  }

  /** Asserts that the indices under {@code prefix} hold exactly what {@link #emitter} leaves for {@code 0..count-1}. */
  static void assertHolds(OpensearchNodeExtension opensearch, String prefix, long count) throws IOException {
    Map<String, Long> numbers = new HashMap<>();
    for (long n = 0; n < count; n++) {
      if (n % 100 != 49) {
        numbers.put(Long.toString(n), n);
      }
    }
    Map<String, Long> last = new HashMap<>();
    for (long k = 0; k < count / 500; k++) {
      last.put(Long.toString(k), k * 500 + 499);
    }
    assertThat(field(opensearch.documents(prefix + "-numbers"), "n")).isEqualTo(numbers);
    assertThat(field(opensearch.documents(prefix + "-last"), "last")).isEqualTo(last);
  }

  /** Each document's id and its only field {@code name}; fails on a document with other fields. */
  private static Map<String, Long> field(Map<String, JsonNode> documents, String name) {
    Map<String, Long> values = new HashMap<>();
    documents.forEach((id, source) -> {
      assertThat(source.size()).as("fields of document %s", id).isEqualTo(1);
      values.put(id, source.path(name).asLong(-1));
    });
    return values;
  }
}
