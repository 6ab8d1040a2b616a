package io.nagare.connectors.kafka.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real {@link KafkaBroker} per test class: started before the first test, closed after the
 * last. Tests share it, so each test uses topics and transactional ids of its own.
 *
 * <pre>{@code
 * class OrdersIT {
 *   @RegisterExtension static KafkaExtension kafka = new KafkaExtension();
 *
 *   @Test void writesOrders() {
 *     kafka.broker().createTopic("orders", 1);
 *     ... kafka.bootstrapServers() ...
 *   }
 * }
 * }</pre>
 */
public final class KafkaExtension implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> brokerConfig;
  private final boolean scram;
  private KafkaBroker broker;

  /** A broker with the single-node defaults of {@link KafkaBroker}. */
  public KafkaExtension() {
    this(Map.of());
  }

  /** A broker with settings of its own on top of the single-node defaults. */
  public KafkaExtension(Map<String, String> brokerConfig) {
    this(brokerConfig, false);
  }

  private KafkaExtension(Map<String, String> brokerConfig, boolean scram) {
    this.brokerConfig = Map.copyOf(brokerConfig);
    this.scram = scram;
  }

  /** A broker with a SCRAM and delegation-token listener as well ({@link KafkaBroker#withScram}). */
  public static KafkaExtension withScram(Map<String, String> brokerConfig) {
    return new KafkaExtension(brokerConfig, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    broker = (scram ? KafkaBroker.withScram(brokerConfig) : new KafkaBroker(brokerConfig)).start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  /** The running broker; available from {@code @BeforeAll} methods of the test class on. */
  public KafkaBroker broker() {
    if (broker == null) {
      throw new IllegalStateException("The Kafka broker runs only while the test class runs");
    }
    return broker;
  }

  /** Shorthand for {@code broker().bootstrapServers()}. */
  public String bootstrapServers() {
    return broker().bootstrapServers();
  }
}
