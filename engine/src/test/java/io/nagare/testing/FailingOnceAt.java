package io.nagare.testing;

import io.nagare.api.functions.MapFunction;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Passes numbers on, and throws once (per {@code id}, across restarts of the job) at {@code
 * failAt}: a failure injected at a known record, for tests of recovery. Subtask threads share
 * {@link #FAILED}, a concurrent map.
 */
public final class FailingOnceAt implements MapFunction<Long, Long> {
  /** Which ids have failed already. */
  public static final Map<String, Boolean> FAILED = new ConcurrentHashMap<>();
  private final long failAt;
  private final String id;

  public FailingOnceAt(long failAt, String id) {
    this.failAt = failAt;
    this.id = id;
  }

  @Override
  public Long map(Long value) throws IOException {
    if (value == failAt && FAILED.putIfAbsent(id, true) == null) {
      throw new IOException("failing once on purpose at " + failAt);
    }
    return value;
  }

  /** The messages of {@code t} and its causes, outermost first, without nulls. */
  public static List<String> messages(Throwable t) {
    return Stream.iterate(t, c -> c != null, Throwable::getCause).map(Throwable::getMessage)
        .filter(m -> m != null).toList();
  }
}
