package io.nagare.connectors.kafka.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.serialization.SimpleStringSchema;
import io.nagare.connectors.kafka.sink.DeliveryGuarantee;
import io.nagare.connectors.kafka.sink.KafkaRecordSerializationSchema;
import io.nagare.connectors.kafka.sink.KafkaSink;
import io.nagare.connectors.kafka.sink.KafkaSinkBuilder;
import io.nagare.connectors.kafka.source.KafkaSource;
import io.nagare.connectors.kafka.source.KafkaSourceBuilder;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import io.nagare.connectors.kafka.testing.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka delegation tokens against a real broker whose SASL listener takes SCRAM-SHA-512 logins and
 * tokens: a user logged in with SCRAM obtains a token; a job whose source and sink hold only the
 * token (shipped as bytes, as in an application's credentials) reads a topic and writes another;
 * the owner renews it; a wrong HMAC and a token-authenticated request for a token are refused.
 */
class KafkaDelegationTokenTest {
  private static final long EXPIRY_MILLIS = 60_000;
  private static final long MAX_LIFETIME_MILLIS = 3_600_000;

  @RegisterExtension
  static KafkaExtension kafka = KafkaExtension.withScram(Map.of(
      "delegation.token.expiry.time.ms", String.valueOf(EXPIRY_MILLIS),
      "delegation.token.max.lifetime.ms", String.valueOf(MAX_LIFETIME_MILLIS)));

  @BeforeAll
  static void users() {
    kafka.broker().addScramUser("alice", "alice-secret");
  }

  /** What a client logged in as alice with SCRAM (not with a token) has. */
  private static Map<String, Object> aliceLogin() {
    Map<String, Object> login = new HashMap<>();
    login.put("bootstrap.servers", kafka.broker().saslBootstrapServers());
    login.put("security.protocol", "SASL_PLAINTEXT");
    login.put("sasl.mechanism", "SCRAM-SHA-512");
    login.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
        + " username=\"alice\" password=\"alice-secret\";");
    return login;
  }

  @Test
  void aJobReadsAndWritesWithTheTokenAlone() throws Exception {
    kafka.broker().createTopic("token-in", 2);
    kafka.broker().createTopic("token-out", 2);
    List<String> input = IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).toList();
    kafka.broker().produceAll("token-in", 0, input.subList(0, 500));
    kafka.broker().produceAll("token-in", 1, input.subList(500, 1000));
    long before = System.currentTimeMillis();
    KafkaDelegationToken token = KafkaDelegationToken.decode(KafkaDelegationTokens.obtain(aliceLogin()).encode());
    assertThat(token.expiryTimestamp()).isBetween(before + EXPIRY_MILLIS, System.currentTimeMillis() + EXPIRY_MILLIS);
    assertThat(token.maxTimestamp()).isBetween(before + MAX_LIFETIME_MILLIS,
        System.currentTimeMillis() + MAX_LIFETIME_MILLIS);
    Map<String, String> auth = token.clientProperties("SASL_PLAINTEXT");

    KafkaSourceBuilder<String> source = KafkaSource.<String>builder()
        .setBootstrapServers(kafka.broker().saslBootstrapServers())
        .setTopics("token-in")
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setBounded(OffsetsInitializer.latest())
        .setValueOnlyDeserializer(new SimpleStringSchema());
    KafkaSinkBuilder<String> sink = KafkaSink.<String>builder()
        .setBootstrapServers(kafka.broker().saslBootstrapServers())
        .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
            .setTopic("token-out")
            .setValueSerializationSchema(new SimpleStringSchema())
            .build())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix("token-out");
    auth.forEach((key, value) -> {
      source.setProperty(key, value);
      sink.setProperty(key, value);
    });
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
    env.enableCheckpointing(50);
    env.fromSource(source.build(), WatermarkStrategy.noWatermarks(), "in").sinkTo(sink.build()).name("out");

    env.execute("with a token");

    assertThat(kafka.broker().readCommitted("token-out")).containsExactlyInAnyOrderElementsOf(input);
  }

  /**
   * As on a task manager: the provider, found as the YARN client and ApplicationMaster find it,
   * obtains the token from the settings; the process receives it; source and sink that ask only for
   * SASL (no login of their own) authenticate with it.
   */
  @Test
  void clientsAskingForSaslWithoutALoginUseTheReceivedToken() throws Exception {
    kafka.broker().createTopic("received-in", 1);
    kafka.broker().createTopic("received-out", 1);
    List<String> input = IntStream.rangeClosed(1, 300).mapToObj(Integer::toString).toList();
    kafka.broker().produceAll("received-in", 0, input);
    io.nagare.api.configuration.Configuration conf = new io.nagare.api.configuration.Configuration();
    conf.setString(KafkaDelegationTokenProvider.BOOTSTRAP_SERVERS, kafka.broker().saslBootstrapServers());
    aliceLogin().forEach((key, value) -> {
      if (!key.equals("bootstrap.servers")) {
        conf.setString(KafkaDelegationTokenProvider.LOGIN_PREFIX + key, value.toString());
      }
    });
    List<io.nagare.api.security.DelegationTokenProvider> enabled = new java.util.ArrayList<>();
    java.util.ServiceLoader.load(io.nagare.api.security.DelegationTokenProvider.class)
        .forEach(p -> {
          if (p.enabled(conf)) {
            enabled.add(p);
          }
        });
    assertThat(enabled).extracting(io.nagare.api.security.DelegationTokenProvider::service).containsExactly("kafka");
    io.nagare.api.security.ReceivedTokens.put("kafka", enabled.get(0).obtain(conf).bytes());
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
      env.fromSource(KafkaSource.<String>builder()
              .setBootstrapServers(kafka.broker().saslBootstrapServers())
              .setTopics("received-in")
              .setStartingOffsets(OffsetsInitializer.earliest())
              .setBounded(OffsetsInitializer.latest())
              .setValueOnlyDeserializer(new SimpleStringSchema())
              .setProperty("security.protocol", "SASL_PLAINTEXT")
              .build(), WatermarkStrategy.noWatermarks(), "in")
          .sinkTo(KafkaSink.<String>builder()
              .setBootstrapServers(kafka.broker().saslBootstrapServers())
              .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
                  .setTopic("received-out")
                  .setValueSerializationSchema(new SimpleStringSchema())
                  .build())
              .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
              .setProperty("security.protocol", "SASL_PLAINTEXT")
              .build()).name("out");

      env.execute("with the received token");
    } finally {
      io.nagare.api.security.ReceivedTokens.clear();
    }
    assertThat(kafka.broker().readCommitted("received-out")).containsExactlyElementsOf(input);
  }

  @Test
  void aCheckInTheClientBeforeAnyTokenWasReceivedUsesTheLoginThatObtainsTheToken() {
    java.util.Properties sasl = new java.util.Properties();
    sasl.setProperty("bootstrap.servers", kafka.broker().saslBootstrapServers());
    sasl.setProperty("security.protocol", "SASL_PLAINTEXT");
    io.nagare.api.configuration.Configuration conf = new io.nagare.api.configuration.Configuration();
    conf.setString(KafkaDelegationTokenProvider.BOOTSTRAP_SERVERS, kafka.broker().saslBootstrapServers());
    conf.setString(KafkaDelegationTokenProvider.LOGIN_PREFIX + "sasl.mechanism", "SCRAM-SHA-512");
    conf.setString(KafkaDelegationTokenProvider.LOGIN_PREFIX + "sasl.jaas.config", "login");

    assertThat(KafkaTokenAuth.forSubmissionCheck(sasl, conf)).containsOnly(
        Map.entry("bootstrap.servers", kafka.broker().saslBootstrapServers()),
        Map.entry("security.protocol", "SASL_PLAINTEXT"), Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
        Map.entry("sasl.jaas.config", "login"));
    assertThat(KafkaTokenAuth.forSubmissionCheck(sasl, new io.nagare.api.configuration.Configuration()))
        .isSameAs(sasl);
  }

  @Test
  void theOwnerRenewsTheTokenUpToItsMaximum() {
    KafkaDelegationToken token = KafkaDelegationTokens.obtain(aliceLogin());
    long before = System.currentTimeMillis();
    KafkaDelegationToken renewed = KafkaDelegationTokens.renew(aliceLogin(), token);
    assertThat(renewed.tokenId()).isEqualTo(token.tokenId());
    assertThat(renewed.maxTimestamp()).isEqualTo(token.maxTimestamp());
    assertThat(renewed.expiryTimestamp()).isGreaterThanOrEqualTo(token.expiryTimestamp())
        .isBetween(before + EXPIRY_MILLIS, System.currentTimeMillis() + EXPIRY_MILLIS);
  }

  @Test
  void aClientWithAWrongHmacIsRefused() {
    KafkaDelegationToken token = KafkaDelegationTokens.obtain(aliceLogin());
    KafkaDelegationToken forged = new KafkaDelegationToken(token.tokenId(), "forged".getBytes(StandardCharsets.UTF_8),
        token.expiryTimestamp(), token.maxTimestamp());
    Map<String, Object> props = new HashMap<>(forged.clientProperties("SASL_PLAINTEXT"));
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.broker().saslBootstrapServers());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
        new StringSerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("token-in", "x")).get(30, TimeUnit.SECONDS))
          .isInstanceOfAny(SaslAuthenticationException.class, ExecutionException.class)
          .satisfies(e -> assertThat(e instanceof ExecutionException ? e.getCause() : e)
              .isInstanceOf(SaslAuthenticationException.class));
    }
  }

  @Test
  void aClientAuthenticatedByATokenCannotObtainAnother() {
    KafkaDelegationToken token = KafkaDelegationTokens.obtain(aliceLogin());
    Map<String, Object> tokenLogin = new HashMap<>(token.clientProperties("SASL_PLAINTEXT"));
    tokenLogin.put("bootstrap.servers", kafka.broker().saslBootstrapServers());
    assertThatThrownBy(() -> KafkaDelegationTokens.obtain(tokenLogin))
        .isInstanceOf(KafkaDelegationTokens.KafkaTokenException.class)
        .hasMessageStartingWith("Cannot obtain a delegation token from the Kafka brokers "
            + kafka.broker().saslBootstrapServers() + ": ");
  }

  @Test
  void theEncodedTokenRoundTripsAndItsTextHidesTheHmac() {
    KafkaDelegationToken token = new KafkaDelegationToken("tok-1", new byte[] {1, 2, 3}, 1_000L, 2_000L);
    assertThat(KafkaDelegationToken.decode(token.encode())).isEqualTo(token);
    assertThat(token.toString()).isEqualTo("KafkaDelegationToken[tok-1, expires 1970-01-01T00:00:01Z, at the latest"
        + " 1970-01-01T00:00:02Z]");
    assertThat(token.clientProperties("SASL_SSL")).containsEntry("sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"tok-1\" password=\"AQID\""
            + " tokenauth=\"true\";").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("security.protocol", "SASL_SSL");
    assertThatThrownBy(() -> token.clientProperties("PLAINTEXT")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Delegation tokens authenticate over SASL_PLAINTEXT or SASL_SSL, not PLAINTEXT"
            + " (security.protocol)");
    assertThatThrownBy(() -> KafkaDelegationToken.decode("garbage".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Not an encoded Kafka delegation token (7 bytes)");
  }
}
