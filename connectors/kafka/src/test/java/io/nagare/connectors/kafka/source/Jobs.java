package io.nagare.connectors.kafka.source;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.testing.CollectSink;
import java.util.List;

/** Runs small jobs over a Kafka source in the local runtime. */
public final class Jobs {
  private Jobs() {}

  /** Runs a bounded job {@code source → sink} at {@code parallelism} to its end; returns what the sink got. */
  public static <T> List<T> runBounded(KafkaSource<T> source, int parallelism) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
    CollectSink<T> sink = new CollectSink<>();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka", source.getProducedType()).addSink(sink);
    env.execute("bounded kafka job");
    return sink.values();
  }

  /** The first {@link KafkaSourceException} among the causes of a failed job. */
  public static KafkaSourceException kafkaFailure(Throwable failure) {
    if (!(failure instanceof JobExecutionException)) {
      throw new AssertionError("Expected a failed job, got " + failure, failure);
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KafkaSourceException) {
        return (KafkaSourceException) t;
      }
    }
    throw new AssertionError("No KafkaSourceException among the causes of " + failure, failure);
  }
}
