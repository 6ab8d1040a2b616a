package io.nagare.examples.kafka;

import io.nagare.api.datastream.DataStream;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.ProcessWindowFunction;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.utils.ParameterTool;
import io.nagare.api.windowing.assigners.SlidingEventTimeWindows;
import io.nagare.api.windowing.assigners.TumblingEventTimeWindows;
import io.nagare.api.windowing.assigners.WindowAssigner;
import io.nagare.api.windowing.windows.TimeWindow;
import io.nagare.connectors.kafka.formats.JsonDeserializationSchema;
import io.nagare.connectors.kafka.sink.DeliveryGuarantee;
import io.nagare.connectors.kafka.sink.KafkaRecordSerializationSchema;
import io.nagare.connectors.kafka.sink.KafkaSink;
import io.nagare.connectors.kafka.source.KafkaSource;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Our users' job: JSON access-log lines from a Kafka topic → per-uri request counts and mean
 * request time in 10 s tumbling and 60 s sliding (every 10 s) event-time windows → a Kafka topic,
 * exactly once. Each result is a JSON line keyed by the uri:
 * {@code {"window":"tumbling-10s","start":"…","end":"…","uri":"/api/items","count":12,"mean_reqtime":0.0415}}.
 *
 * <pre>
 * nagare run -c io.nagare.examples.kafka.AccessLogStats nagare-connector-kafka-examples-&lt;v&gt;.jar \
 *     --bootstrap-servers host:9092 --input access-logs --output uri-stats [--parallelism 2]
 *     [--checkpoint-interval 5000] [--out-of-orderness 5000] [--bounded]
 * </pre>
 *
 * With {@code --bounded} it reads the topic up to its end at the start and then ends.
 */
public final class AccessLogStats {
  private AccessLogStats() {}

  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    String bootstrap = params.getRequired("bootstrap-servers");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    if (params.has("parallelism")) {
      env.setParallelism(params.getInt("parallelism"));
    }
    env.enableCheckpointing(params.getLong("checkpoint-interval", 5000));

    var source = KafkaSource.<AccessLog>builder()
        .setBootstrapServers(bootstrap)
        .setTopics(params.get("input", "access-logs"))
        .setGroupId(params.get("group", "nagare-access-log-stats"))
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setValueOnlyDeserializer(new JsonDeserializationSchema<>(AccessLog.class));
    if (params.has("bounded")) {
      source.setBounded(OffsetsInitializer.latest());
    }
    Duration outOfOrderness = Duration.ofMillis(params.getLong("out-of-orderness", 5000));
    DataStream<AccessLog> logs = env.fromSource(source.build(),
        WatermarkStrategy.<AccessLog>forBoundedOutOfOrderness(outOfOrderness)
            .withTimestampAssigner((log, kafkaTimestamp) -> log.epochMillis())
            .withIdleness(Duration.ofSeconds(30)),
        "access logs");

    DataStream<String> tumbling = stats(logs, TumblingEventTimeWindows.of(Duration.ofSeconds(10)), "tumbling-10s");
    DataStream<String> sliding = stats(logs,
        SlidingEventTimeWindows.of(Duration.ofSeconds(60), Duration.ofSeconds(10)), "sliding-60s");

    tumbling.union(sliding).sinkTo(KafkaSink.<String>builder()
        .setBootstrapServers(bootstrap)
        .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
            .setTopic(params.get("output", "uri-stats"))
            .setKeySerializationSchema(AccessLogStats::uriOf)
            .setValueSerializationSchema(new SimpleStringSchema())
            .build())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(params.get("transactional-id-prefix", "access-log-stats"))
        .build()).name("uri stats to Kafka");
    env.execute("access-log stats");
  }

  private static DataStream<String> stats(DataStream<AccessLog> logs,
      WindowAssigner<Object, TimeWindow> windows, String name) {
    return logs.keyBy(log -> log.uri, Types.STRING)
        .window(windows)
        .aggregate(new CountAndTotal(), new ToJson(name), Types.TUPLE(Types.LONG, Types.DOUBLE), Types.STRING)
        .name(name);
  }

  /** The uri of a result line, as the Kafka record key. */
  static byte[] uriOf(String json) {
    int start = json.indexOf("\"uri\":\"") + 7;
    return json.substring(start, json.indexOf('"', start)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Count and total request time of a window. */
  static final class CountAndTotal implements AggregateFunction<AccessLog, Tuple2<Long, Double>, Tuple2<Long, Double>> {
    @Override
    public Tuple2<Long, Double> createAccumulator() {
      return Tuple2.of(0L, 0.0);
    }

    @Override
    public Tuple2<Long, Double> add(AccessLog log, Tuple2<Long, Double> acc) {
      return Tuple2.of(acc.f0 + 1, acc.f1 + log.reqtime);
    }

    @Override
    public Tuple2<Long, Double> getResult(Tuple2<Long, Double> acc) {
      return acc;
    }

    @Override
    public Tuple2<Long, Double> merge(Tuple2<Long, Double> a, Tuple2<Long, Double> b) {
      return Tuple2.of(a.f0 + b.f0, a.f1 + b.f1);
    }
  }

  /** One JSON line per uri and window. */
  static final class ToJson extends ProcessWindowFunction<Tuple2<Long, Double>, String, String, TimeWindow> {
    private final String name;

    ToJson(String name) {
      this.name = name;
    }

    @Override
    public void process(String uri, Context context, Iterable<Tuple2<Long, Double>> results, Collector<String> out) {
      Tuple2<Long, Double> r = results.iterator().next();
      TimeWindow w = context.window();
      out.collect(String.format(Locale.ROOT,
          "{\"window\":\"%s\",\"start\":\"%s\",\"end\":\"%s\",\"uri\":\"%s\",\"count\":%d,\"mean_reqtime\":%.4f}",
          name, Instant.ofEpochMilli(w.getStart()), Instant.ofEpochMilli(w.getEnd()), uri, r.f0, r.f1 / r.f0));
    }
  }
}
