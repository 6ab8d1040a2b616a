package io.nagare.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.nagare.api.connector.sink2.SinkWriter;
import io.nagare.api.connector.sink2.WriterInitContext;
import io.nagare.api.operators.ProcessingTimeService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/**
 * One subtask's writer of an {@link OpensearchSink}: the emitter turns each record into requests,
 * which wait in a bulk; a bulk that holds the most actions or bytes allowed, a due flush interval
 * and every {@link #flush} send it as one {@code _bulk} request and check every item. Items
 * rejected with 429 are sent again, alone, after an exponential back-off; other refused items go to
 * the failure handler, or fail the writer. A checkpoint therefore completes only once OpenSearch has
 * taken every request of the records before its barrier: at least once, and effectively once for
 * requests with ids.
 *
 * <p>Threads: the subtask's thread owns the writer, its bulk and its client, and waits for each
 * bulk request to be answered; the flush-interval timer is a processing-time timer of the subtask,
 * so it fires on that thread too. The client's I/O threads never see the bulk.
 *
 * @param <T> the type of the records
 */
final class OpensearchWriter<T> implements SinkWriter<T> {
  private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

  /** Waits before a retry; {@code Thread::sleep} outside tests. */
  interface Pause {
    void pause(long millis) throws InterruptedException;
  }

  private final String name;
  private final String hosts;
  private final OpensearchEmitter<T> emitter;
  private final BulkOptions options;
  private final FailureHandler failureHandler;
  private final Pause pause;
  private final ProcessingTimeService clock;
  private final RestClient client;

  private List<Pending> bulk = new ArrayList<>();
  private long bulkBytes;
  /** Records written since the last checkpoint (or since the writer opened, before the first). */
  private long records;
  private boolean checkpointed;
  /** The record whose requests the emitter or the failure handler is adding. */
  private long addingFor;
  private ProcessingTimeService.ScheduledTimer flushTimer;
  private final RequestIndexer indexer = this::add;

  private OpensearchWriter(String name, String hosts, OpensearchEmitter<T> emitter, BulkOptions options,
      FailureHandler failureHandler, Pause pause, ProcessingTimeService clock, RestClient client) {
    this.name = name;
    this.hosts = hosts;
    this.emitter = emitter;
    this.options = options;
    this.failureHandler = failureHandler;
    this.pause = pause;
    this.clock = clock;
    this.client = client;
  }

  /** A writer whose client has had an answer from OpenSearch; fails naming the sink and the hosts if none came. */
  static <T> OpensearchWriter<T> open(WriterInitContext context, OpensearchHosts hosts, OpensearchEmitter<T> emitter,
      BulkOptions options, FailureHandler failureHandler, Pause pause) throws OpensearchSinkException {
    String name = "OpenSearch sink '" + context.getOperatorName() + "' (subtask " + (context.getSubtaskId() + 1) + "/"
        + context.getNumberOfParallelSubtasks() + ")";
    RestClient client = hosts.connect();
    try {
      client.performRequest(new Request("GET", "/"));
    } catch (IOException e) {
      closeAfterFailure(client, e);
      throw new OpensearchSinkException(name + " cannot connect to OpenSearch at " + hosts.describe() + ": "
          + reason(e), e);
    } catch (RuntimeException e) {
      closeAfterFailure(client, e);
      throw e;
    }
    return new OpensearchWriter<>(name, hosts.describe(), emitter, options, failureHandler, pause,
        context.getProcessingTimeService(), client);
  }

  private static void closeAfterFailure(RestClient client, Exception failure) {
    try {
      client.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    records++;
    addingFor = records;
    try {
      emitter.emit(element, context, indexer);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new OpensearchSinkException(name + ": the emitter failed on " + position(records) + ": " + e, e);
    }
    if (bulk.size() >= options.maxActions() || bulkBytes >= options.maxBytes()) {
      send();
    } else if (options.interval() != null && flushTimer == null && !bulk.isEmpty()) {
      flushTimer = clock.registerTimer(clock.getCurrentProcessingTime() + options.interval().toMillis(), time -> {
        flushTimer = null;
        send();
      });
    }
  }

  private void add(DocumentRequest... requests) {
    for (DocumentRequest request : requests) {
      if (request == null) {
        throw new IllegalArgumentException(name + ": a null request was added for " + position(addingFor));
      }
      bulk.add(new Pending(request, addingFor));
      bulkBytes += request.bulkLines().length;
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    send();
    records = 0;
    checkpointed = true;
  }

  /** Sends the bulk, and then what the failure handler added, until nothing waits. */
  private void send() throws OpensearchSinkException, InterruptedException {
    if (flushTimer != null) {
      flushTimer.cancel();
      flushTimer = null;
    }
    while (!bulk.isEmpty()) {
      List<Pending> sending = bulk;
      bulk = new ArrayList<>();
      bulkBytes = 0;
      sendWithRetries(sending);
    }
  }

  private void sendWithRetries(List<Pending> sending) throws OpensearchSinkException, InterruptedException {
    for (int retry = 0; ; retry++) {
      List<Pending> rejected = sendOnce(sending);
      if (rejected.isEmpty()) {
        return;
      }
      if (retry >= options.maxRetries()) {
        throw new OpensearchSinkException(name + ": OpenSearch at " + hosts + " still rejected " + count(rejected.size())
            + " as too many (429) after " + retry + (retry == 1 ? " retry" : " retries") + "; the first: "
            + rejected.get(0).request() + " (" + position(rejected.get(0).record()) + ")", null);
      }
      pause.pause(options.backoffMillis(retry));
      sending = rejected;
    }
  }

  /** Sends one bulk request; returns the requests rejected with 429, to be sent again. */
  private List<Pending> sendOnce(List<Pending> sending) throws OpensearchSinkException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Pending p : sending) {
      body.writeBytes(p.request().bulkLines());
    }
    Request request = new Request("POST", "/_bulk");
    request.addParameter("filter_path", "errors,items.*.status,items.*.error");
    request.setEntity(new ByteArrayEntity(body.toByteArray(), NDJSON));
    JsonNode answer;
    try {
      Response response = client.performRequest(request);
      answer = read(response.getEntity());
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (status == 429) {
        return sending;
      }
      throw new OpensearchSinkException(name + ": OpenSearch at " + hosts + " refused a bulk request of "
          + count(sending.size()) + " (" + span(sending) + ") with " + status + ": " + errorOf(e), e);
    } catch (IOException e) {
      throw new OpensearchSinkException(name + " could not send a bulk request of " + count(sending.size()) + " ("
          + span(sending) + ") to OpenSearch at " + hosts + ": " + reason(e), e);
    }
    if (!answer.path("errors").asBoolean(false)) {
      return List.of();
    }
    return checkItems(sending, answer.path("items"));
  }

  private List<Pending> checkItems(List<Pending> sending, JsonNode items) throws OpensearchSinkException {
    if (items.size() != sending.size()) {
      throw new OpensearchSinkException(name + ": OpenSearch at " + hosts + " answered a bulk request of "
          + count(sending.size()) + " with " + items.size() + " items", null);
    }
    List<Pending> rejected = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    for (int i = 0; i < sending.size(); i++) {
      JsonNode item = items.get(i).elements().next();
      JsonNode error = item.path("error");
      if (error.isMissingNode()) {
        continue;
      }
      int status = item.path("status").asInt();
      Pending p = sending.get(i);
      if (status == 429) {
        rejected.add(p);
      } else {
        refused.add(new Refused(p.record(), new ItemFailure(p.request(), status, error.path("type").asText(),
            reasonOf(error), position(p.record()))));
      }
    }
    handle(refused, sending.size());
    return rejected;
  }

  /** Hands refused requests to the failure handler, or fails naming the first. */
  private void handle(List<Refused> refused, int bulkSize) throws OpensearchSinkException {
    if (refused.isEmpty()) {
      return;
    }
    if (failureHandler == null) {
      throw new OpensearchSinkException(name + ": OpenSearch at " + hosts + " refused " + refused.get(0).failure().describe()
          + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more of the same bulk request of "
          + count(bulkSize) + ")" : ""), null);
    }
    for (Refused r : refused) {
      addingFor = r.record();
      try {
        failureHandler.onFailure(r.failure(), indexer);
      } catch (Exception e) {
        throw new OpensearchSinkException(name + ": the failure handler failed on " + r.failure().describe() + ": " + e,
            e);
      }
    }
  }

  private static JsonNode read(HttpEntity entity) throws IOException {
    try (InputStream in = entity.getContent()) {
      return BulkLines.JSON.readTree(in);
    }
  }

  /** OpenSearch's reason from an error answer, or the status line if the body is not OpenSearch's JSON. */
  private static String errorOf(ResponseException e) {
    try {
      JsonNode error = read(e.getResponse().getEntity()).path("error");
      if (error.isObject()) {
        return error.path("type").asText() + ": " + reasonOf(error);
      }
    } catch (IOException | RuntimeException unreadable) {
      e.addSuppressed(unreadable);
    }
    return e.getResponse().getStatusLine().toString();
  }

  /** The error's reason, and its cause's if it has one: "failed to parse field [n] ... (For input string: "x")". */
  private static String reasonOf(JsonNode error) {
    String reason = error.path("reason").asText();
    JsonNode cause = error.path("caused_by");
    if (cause.isObject() && !cause.path("reason").asText().isEmpty()) {
      reason = reason + " (caused by " + cause.path("type").asText() + ": " + cause.path("reason").asText() + ")";
    }
    return reason;
  }

  private static String count(int n) {
    return n == 1 ? "1 request" : n + " requests";
  }

  /** "record 3 since the last checkpoint". */
  private String position(long record) {
    return "record " + record + " " + since();
  }

  /** "records 1 to 20 since the last checkpoint". */
  private String span(List<Pending> sending) {
    long from = sending.get(0).record();
    long to = sending.get(sending.size() - 1).record();
    return (from == to ? "record " + from : "records " + from + " to " + to) + " " + since();
  }

  private String since() {
    return checkpointed ? "since the last checkpoint" : "since the subtask started";
  }

  /** The exception's message with the root cause's, as in "Connection refused". */
  private static String reason(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message = message + " (" + root.getMessage() + ")";
    }
    return message;
  }

  @Override
  public void close() throws IOException {
    if (flushTimer != null) {
      flushTimer.cancel();
      flushTimer = null;
    }
    client.close();
  }

  /** A request waiting in the bulk, and which record (counted since the last checkpoint) made it. */
  private record Pending(DocumentRequest request, long record) {}

  /** A request refused for good, and which record made it. */
  private record Refused(long record, ItemFailure failure) {}
}
