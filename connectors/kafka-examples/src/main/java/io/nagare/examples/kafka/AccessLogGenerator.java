package io.nagare.examples.kafka;

import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Feeds a topic with generated access-log lines in {@link AccessLog}'s JSON shape, as fluentd would:
 * {@code --rate} lines a second (default 200), for {@code --count} lines or until killed, with
 * event times near the wall clock (up to 2 s late). Not a job: a plain Kafka producer.
 *
 * <pre>
 * java -cp nagare-connector-kafka-examples-&lt;v&gt;.jar io.nagare.examples.kafka.AccessLogGenerator \
 *     --bootstrap-servers host:9092 --topic access-logs [--rate 200] [--count N] [--seed 1]
 * </pre>
 */
public final class AccessLogGenerator {
  private static final String[] URIS = {"/", "/api/items", "/api/items/42", "/api/cart", "/login", "/search",
      "/static/app.js", "/health"};
  private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT"};

  private AccessLogGenerator() {}

  public static void main(String[] args) {
    String bootstrap = null;
    String topic = "access-logs";
    long rate = 200;
    long count = Long.MAX_VALUE;
    long seed = 1;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--bootstrap-servers" -> bootstrap = args[i + 1];
        case "--topic" -> topic = args[i + 1];
        case "--rate" -> rate = Long.parseLong(args[i + 1]);
        case "--count" -> count = Long.parseLong(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("Unknown option " + args[i]
            + "; options: --bootstrap-servers --topic --rate --count --seed");
      }
    }
    if (bootstrap == null || args.length % 2 != 0) {
      throw new IllegalArgumentException("Usage: AccessLogGenerator --bootstrap-servers host:port [--topic t]"
          + " [--rate lines-per-second] [--count lines] [--seed s]");
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    Random random = new Random(seed);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long intervalNanos = 1_000_000_000L / Math.max(1, rate);
    long next = System.nanoTime();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
        new StringSerializer())) {
      for (long n = 0; n < count; n++) {
        if (failure.get() != null) {
          throw new IllegalStateException("AccessLogGenerator could not write to " + topic + " at " + bootstrap,
              failure.get());
        }
        Instant time = Instant.now().minusMillis(random.nextInt(2000));
        String uri = URIS[random.nextInt(URIS.length)];
        String line = String.format(Locale.ROOT,
            "{\"time\":\"%s\",\"level\":\"%s\",\"method\":\"%s\",\"uri\":\"%s\",\"reqtime\":%.3f}",
            time, random.nextInt(50) == 0 ? "ERROR" : "INFO", METHODS[random.nextInt(METHODS.length)], uri,
            0.005 + random.nextDouble() * (uri.startsWith("/api") ? 0.2 : 0.05));
        producer.send(new ProducerRecord<>(topic, uri, line), (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
        next += intervalNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    }
  }
}
