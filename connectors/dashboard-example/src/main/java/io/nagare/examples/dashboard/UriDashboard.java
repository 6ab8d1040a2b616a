package io.nagare.examples.dashboard;

import io.nagare.api.datastream.DataStream;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.ProcessWindowFunction;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.utils.ParameterTool;
import io.nagare.api.windowing.assigners.TumblingEventTimeWindows;
import io.nagare.api.windowing.windows.TimeWindow;
import io.nagare.connectors.opensearch.IndexRequest;
import io.nagare.connectors.opensearch.OpensearchSink;
import io.nagare.connectors.redis.RedisCommand;
import io.nagare.connectors.redis.RedisSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The dashboard job: access-log lines → per-uri request counts in 10 s event-time windows → Redis,
 * where {@code dashboard:count:<uri>} holds the latest count of each uri and expires unless a newer
 * window refreshes it, and OpenSearch, where index {@code uri-counts} holds one document per uri and
 * window, {@code {"uri":…,"start":…,"end":…,"count":…}} with the id {@code <uri>@<window start>}.
 * Both writes set a state, and the ids come from the data, so a restarted job rewrites the same keys
 * and documents: effectively once.
 *
 * <pre>
 * nagare run -c io.nagare.examples.dashboard.UriDashboard nagare-dashboard-example-&lt;v&gt;.jar \
 *     --input access.log | --socket host:port
 *     --redis host:6379 --opensearch http://host:9200 [--index uri-counts] [--ttl-seconds 60]
 *     [--parallelism 2] [--checkpoint-interval 5000] [--out-of-orderness 5000]
 * </pre>
 *
 * {@code --input} reads a file (or a directory of files) and ends; {@code --socket} reads lines from
 * a TCP server until it closes the connection. {@code scripts/dashboard-example.sh} runs it on this
 * machine against a Redis and an OpenSearch started for the purpose.
 */
public final class UriDashboard {
  /** Redis keys are this and the uri. */
  public static final String REDIS_PREFIX = "dashboard:count:";
  static final Duration WINDOW = Duration.ofSeconds(10);

  private UriDashboard() {}

  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    if (params.has("parallelism")) {
      env.setParallelism(params.getInt("parallelism"));
    }
    env.enableCheckpointing(params.getLong("checkpoint-interval", 5000));
    DataStream<String> lines;
    if (params.has("input")) {
      lines = env.readTextFile(params.getRequired("input"));
    } else {
      String socket = params.getRequired("socket");
      int colon = socket.lastIndexOf(':');
      lines = env.socketTextStream(socket.substring(0, colon), Integer.parseInt(socket.substring(colon + 1)));
    }
    build(lines, params.getRequired("redis"), params.getRequired("opensearch"), params.get("index", "uri-counts"),
        Duration.ofSeconds(params.getLong("ttl-seconds", 60)),
        Duration.ofMillis(params.getLong("out-of-orderness", 5000)));
    env.execute("uri dashboard");
  }

  /**
   * Adds the dashboard to {@code lines}: counts per uri and window, to Redis at {@code redis}
   * ({@code host:port}) and OpenSearch at {@code opensearch} (comma-separated {@code http://host:port}).
   */
  static void build(DataStream<String> lines, String redis, String opensearch, String index, Duration ttl,
      Duration outOfOrderness) {
    DataStream<UriCount> counts = lines
        .map(new AccessLogLines(), Types.POJO(AccessLogLines.Hit.class)).name("parse")
        .assignTimestampsAndWatermarks(WatermarkStrategy.<AccessLogLines.Hit>forBoundedOutOfOrderness(outOfOrderness)
            .withTimestampAssigner((hit, previous) -> hit.time))
        .keyBy(hit -> hit.uri, Types.STRING)
        .window(TumblingEventTimeWindows.of(WINDOW))
        .aggregate(new Count(), new ToUriCount(), Types.LONG, Types.POJO(UriCount.class))
        .name("count per uri");

    counts.sinkTo(RedisSink.<UriCount>builder()
        .setAddress(redis)
        .setMapper(c -> List.of(RedisCommand.set(REDIS_PREFIX + c.uri, Long.toString(c.count), ttl)))
        .build()).name("latest counts to Redis");
    counts.sinkTo(OpensearchSink.<UriCount>builder()
        .setHosts(opensearch.split(","))
        .setEmitter((c, context, indexer) -> indexer.add(IndexRequest.of(index, c.documentId(), Map.of(
            "uri", c.uri,
            "start", Instant.ofEpochMilli(c.start).toString(),
            "end", Instant.ofEpochMilli(c.end).toString(),
            "count", c.count))))
        .build()).name("counts per window to OpenSearch");
  }

  /** Counts the hits of a window. */
  static final class Count implements AggregateFunction<AccessLogLines.Hit, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(AccessLogLines.Hit hit, Long count) {
      return count + 1;
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  /** The count of one uri's window, with the uri and the window. */
  static final class ToUriCount extends ProcessWindowFunction<Long, UriCount, String, TimeWindow> {
    @Override
    public void process(String uri, Context context, Iterable<Long> counts, Collector<UriCount> out) {
      out.collect(new UriCount(uri, context.window().getStart(), context.window().getEnd(), counts.iterator().next()));
    }
  }
}
