package io.nagare.connectors.opensearch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds an {@link OpensearchSink}. Required: the {@link #setHosts hosts} and an {@link #setEmitter
 * emitter}. Every option is checked where it is set or in {@link #build()}, which fail with an
 * {@link IllegalArgumentException} naming the option.
 *
 * <pre>{@code
 * OpensearchSink<Reading> sink = OpensearchSink.<Reading>builder()
 *     .setHosts("https://search-1:9200", "https://search-2:9200")
 *     .setCredentials("writer", System.getenv("OPENSEARCH_PASSWORD"))
 *     .setEmitter((r, context, indexer) -> indexer.add(
 *         IndexRequest.of("readings", r.sensor() + "@" + r.time(), Map.of("value", r.value()))))
 *     .setBulkFlushMaxActions(500)
 *     .setBulkFlushInterval(Duration.ofSeconds(1))
 *     .setBulkFlushBackoff(5, Duration.ofMillis(200))
 *     .build();
 * }</pre>
 *
 * @param <T> the type of the records
 */
public final class OpensearchSinkBuilder<T> {
  /** Requests per bulk request unless set. */
  public static final int DEFAULT_MAX_ACTIONS = 1000;
  /** Bytes of a bulk body at which it is sent, unless set: 5 MiB. */
  public static final long DEFAULT_MAX_SIZE_BYTES = 5L << 20;
  /** Retries of a request rejected with 429 unless set. */
  public static final int DEFAULT_BACKOFF_RETRIES = 8;
  /** The wait before the first retry unless set; it doubles with each retry. */
  public static final Duration DEFAULT_BACKOFF_DELAY = Duration.ofMillis(100);
  /** Connection and socket timeout unless set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private List<String> hosts;
  private OpensearchEmitter<T> emitter;
  private int maxActions = DEFAULT_MAX_ACTIONS;
  private long maxBytes = DEFAULT_MAX_SIZE_BYTES;
  private Duration interval;
  private int backoffRetries = DEFAULT_BACKOFF_RETRIES;
  private Duration backoffDelay = DEFAULT_BACKOFF_DELAY;
  private FailureHandler failureHandler;
  private String user;
  private String password;
  private Duration timeout = DEFAULT_TIMEOUT;

  OpensearchSinkBuilder() {}

  /** The HTTP addresses of one or more nodes, such as {@code http://localhost:9200}; requests go round them. */
  public OpensearchSinkBuilder<T> setHosts(String... urls) {
    if (urls == null || urls.length == 0) {
      throw new IllegalArgumentException("setHosts: no hosts; give at least one, such as http://localhost:9200");
    }
    List<String> checked = new ArrayList<>();
    for (String url : urls) {
      checked.add(OpensearchHosts.check("setHosts", url));
    }
    this.hosts = List.copyOf(checked);
    return this;
  }

  /** Turns each record into the requests that write it. */
  public OpensearchSinkBuilder<T> setEmitter(OpensearchEmitter<T> emitter) {
    this.emitter = Objects.requireNonNull(emitter, "setEmitter: emitter");
    return this;
  }

  /** Requests per bulk request, at least 1; default {@value #DEFAULT_MAX_ACTIONS}. */
  public OpensearchSinkBuilder<T> setBulkFlushMaxActions(int maxActions) {
    if (maxActions < 1) {
      throw new IllegalArgumentException("setBulkFlushMaxActions: must be at least 1, not " + maxActions);
    }
    this.maxActions = maxActions;
    return this;
  }

  /** The size of a bulk body (action and document lines) at which it is sent, at least 1; default 5 MiB. */
  public OpensearchSinkBuilder<T> setBulkFlushMaxSizeBytes(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("setBulkFlushMaxSizeBytes: must be at least 1, not " + maxBytes);
    }
    this.maxBytes = maxBytes;
    return this;
  }

  /**
   * The longest a request waits in a bulk that is not full; unset, a bulk waits until it is full or
   * the next checkpoint barrier. Measured on the subtask's processing-time clock, whose timers run on
   * the subtask's thread.
   */
  public OpensearchSinkBuilder<T> setBulkFlushInterval(Duration interval) {
    Objects.requireNonNull(interval, "setBulkFlushInterval: interval");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("setBulkFlushInterval: must be at least 1 ms, not " + interval);
    }
    this.interval = interval;
    return this;
  }

  /**
   * How often a request rejected with 429 is sent again (0 to fail at once) and the wait before the
   * first retry, which doubles with each further retry up to a minute. The wait blocks the subtask,
   * as the bulk request it retries does. Default {@value #DEFAULT_BACKOFF_RETRIES} retries from 100 ms.
   */
  public OpensearchSinkBuilder<T> setBulkFlushBackoff(int maxRetries, Duration initialDelay) {
    Objects.requireNonNull(initialDelay, "setBulkFlushBackoff: initialDelay");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("setBulkFlushBackoff: the retries must be 0 or more, not " + maxRetries);
    }
    if (initialDelay.isNegative() || initialDelay.compareTo(BulkOptions.MAX_BACKOFF) > 0) {
      throw new IllegalArgumentException("setBulkFlushBackoff: the initial delay must be from 0 to "
          + BulkOptions.MAX_BACKOFF + ", not " + initialDelay);
    }
    this.backoffRetries = maxRetries;
    this.backoffDelay = initialDelay;
    return this;
  }

  /** Takes requests OpenSearch refuses for good, instead of failing the job. */
  public OpensearchSinkBuilder<T> setFailureHandler(FailureHandler failureHandler) {
    this.failureHandler = Objects.requireNonNull(failureHandler, "setFailureHandler: failureHandler");
    return this;
  }

  /** HTTP basic authentication. The password travels with the job, like the rest of the sink. */
  public OpensearchSinkBuilder<T> setCredentials(String user, String password) {
    this.user = Objects.requireNonNull(user, "setCredentials: user");
    this.password = Objects.requireNonNull(password, "setCredentials: password");
    return this;
  }

  /** How long to wait for a connection, and for the answer to a request, before failing; default 30 s. */
  public OpensearchSinkBuilder<T> setTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "setTimeout: timeout");
    if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("setTimeout: must be from 1 ms to about 24 days, not " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /** The sink; fails naming what is missing. */
  public OpensearchSink<T> build() {
    if (hosts == null) {
      throw new IllegalArgumentException("No hosts: call setHosts(\"http://localhost:9200\")");
    }
    if (emitter == null) {
      throw new IllegalArgumentException("No emitter: call setEmitter((record, context, indexer) ->"
          + " indexer.add(IndexRequest.of(...)))");
    }
    return new OpensearchSink<>(new OpensearchHosts(hosts, user, password, timeout), emitter,
        new BulkOptions(maxActions, maxBytes, interval, backoffRetries, backoffDelay), failureHandler);
  }
}
