package io.nagare.examples.kafka;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.functions.RichMapFunction;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.utils.ParameterTool;
import io.nagare.connectors.kafka.sink.DeliveryGuarantee;
import io.nagare.connectors.kafka.sink.KafkaRecordSerializationSchema;
import io.nagare.connectors.kafka.sink.KafkaSink;
import io.nagare.connectors.kafka.source.KafkaSource;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies a topic's values into another topic with a Kafka sink of the chosen guarantee (exactly
 * once by default): the W4 scenario of ../shared/WORKLOADS.md and a template for Kafka-to-Kafka jobs.
 *
 * <pre>
 * nagare run -c io.nagare.examples.kafka.KafkaCopy nagare-connector-kafka-examples-&lt;v&gt;.jar \
 *     --bootstrap-servers host:9092 --input in --output out [--parallelism 2] [--checkpoint-interval 5000]
 *     [--guarantee EXACTLY_ONCE|AT_LEAST_ONCE|NONE] [--transactional-id-prefix copy] [--bounded]
 *     [--records-per-second N]   (per subtask: paces the copy, to watch a failure mid-stream)
 *     [--security-protocol SASL_SSL]   (with no login of its own: the application's Kafka delegation token)
 * </pre>
 */
public final class KafkaCopy {
  private KafkaCopy() {}

  public static void main(String[] args) throws Exception {
    ParameterTool params = ParameterTool.fromArgs(args);
    String bootstrap = params.getRequired("bootstrap-servers");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    if (params.has("parallelism")) {
      env.setParallelism(params.getInt("parallelism"));
    }
    env.enableCheckpointing(params.getLong("checkpoint-interval", 5000));
    var source = KafkaSource.<String>builder()
        .setBootstrapServers(bootstrap)
        .setTopics(params.getRequired("input"))
        .setGroupId(params.get("group", "nagare-kafka-copy"))
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setValueOnlyDeserializer(new SimpleStringSchema());
    if (params.has("bounded")) {
      source.setBounded(OffsetsInitializer.latest());
    }
    var sink = KafkaSink.<String>builder()
        .setBootstrapServers(bootstrap)
        .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
            .setTopic(params.getRequired("output"))
            .setValueSerializationSchema(new SimpleStringSchema())
            .build())
        .setDeliveryGuarantee(DeliveryGuarantee.valueOf(params.get("guarantee", "EXACTLY_ONCE")))
        .setTransactionalIdPrefix(params.get("transactional-id-prefix", "kafka-copy"));
    if (params.has("security-protocol")) {
      source.setProperty("security.protocol", params.getRequired("security-protocol"));
      sink.setProperty("security.protocol", params.getRequired("security-protocol"));
    }
    env.fromSource(source.build(), WatermarkStrategy.noWatermarks(), "Kafka " + params.getRequired("input"))
        .map(new Paced(params.getLong("records-per-second", 0)), Types.STRING).name("copy")
        .sinkTo(sink.build()).name("Kafka " + params.getRequired("output"));
    env.execute(params.get("job-name", "kafka copy"));
  }

  /** Passes values through, at most {@code perSecond} a second in each subtask (0: no limit). */
  static final class Paced extends RichMapFunction<String, String> {
    private final long perSecond;
    private transient long next;

    Paced(long perSecond) {
      this.perSecond = perSecond;
    }

    @Override
    public void open(OpenContext context) {
      next = System.nanoTime();
    }

    @Override
    public String map(String value) {
      if (perSecond > 0) {
        next += 1_000_000_000L / perSecond;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      return value;
    }
  }
}
