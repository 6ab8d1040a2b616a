package io.nagare.connectors.kafka.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.api.source.Boundedness;
import io.nagare.api.typeinfo.Types;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KafkaSourceBuilderTest {
  private static KafkaSourceBuilder<String> complete() {
    return KafkaSource.<String>builder().setBootstrapServers("k:9092").setTopics("t")
        .setValueOnlyDeserializer(new SimpleStringSchema());
  }

  @Test
  void buildsAnUnboundedSourceByDefaultAndABoundedOneWithStoppingOffsets() {
    KafkaSource<String> unbounded = complete().build();
    KafkaSource<String> bounded = complete().setBounded(OffsetsInitializer.latest()).build();

    assertThat(unbounded.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    assertThat(bounded.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    assertThat(unbounded.getProducedType()).isEqualTo(Types.STRING);
  }

  @Test
  void namesWhatIsMissing() {
    assertThatThrownBy(() -> KafkaSource.<String>builder().setTopics("t")
        .setValueOnlyDeserializer(new SimpleStringSchema()).build())
        .hasMessage("Kafka source: no bootstrap servers: setBootstrapServers(\"host:port\")");
    assertThatThrownBy(() -> KafkaSource.<String>builder().setBootstrapServers("k:9092")
        .setValueOnlyDeserializer(new SimpleStringSchema()).build())
        .hasMessage("Kafka source: nothing to read: setTopics(...), setTopicPattern(...) or setPartitions(...)");
    assertThatThrownBy(() -> KafkaSource.<String>builder().setBootstrapServers("k:9092").setTopics("t").build())
        .hasMessage("Kafka source: no deserializer: setValueOnlyDeserializer(...) or setDeserializer(...)");
    assertThatThrownBy(() -> complete().setStartingOffsets(OffsetsInitializer.committedOffsets()).build())
        .hasMessage("Kafka source: OffsetsInitializer.committedOffsets() needs a consumer group: setGroupId(...)");
    assertThatThrownBy(() -> complete().setProperty("malformed.record.policy", "dead-letter").build())
        .hasMessage("malformed.record.policy=dead-letter needs malformed.record.dead-letter.topic");
    assertThatThrownBy(() -> complete().setProperty("partition.discovery.interval.ms", "soon").build())
        .hasMessageStartingWith("Invalid value 'soon' for configuration key 'partition.discovery.interval.ms' (Long)");
  }

  @Test
  void refusesTwoWaysOfSayingWhatToRead() {
    assertThatThrownBy(() -> complete().setTopicPattern(Pattern.compile("t.*")))
        .hasMessage("Kafka source: setTopicPattern cannot be combined with setTopics; use one way to say what to read");
  }

  @Test
  void takesPropertiesOfAnyValueTypeAndChoosesAClientIdPrefix() {
    Properties props = new Properties();
    props.put("max.poll.records", 100);
    props.setProperty("malformed.record.policy", "skip");

    KafkaSource<String> source = complete().setGroupId("g").setProperties(props).build();

    Properties built = source.getProperties();
    assertThat(built.getProperty("max.poll.records")).isEqualTo("100");
    assertThat(MalformedRecordPolicy.fromProperties(built)).isEqualTo(MalformedRecordPolicy.skip());
    assertThat(built.getProperty("client.id.prefix")).matches("g-[0-9a-z]+");
    assertThat(complete().setClientIdPrefix("orders-job").build().getProperties().getProperty("client.id.prefix"))
        .isEqualTo("orders-job");
  }
}
