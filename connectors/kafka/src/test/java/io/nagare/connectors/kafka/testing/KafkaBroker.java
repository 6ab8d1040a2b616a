package io.nagare.connectors.kafka.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) in this JVM, started the way
 * {@code kafka-storage.sh format} and {@code kafka-server-start.sh} start one: the storage is
 * formatted with Kafka's {@link Formatter} at the latest production metadata version (no unstable
 * features), then a {@link KafkaRaftServer} runs on two free ports of the loopback interface.
 *
 * <p>Single-node settings: replication factor 1 for the offsets, transaction state and share state
 * topics, {@code group.initial.rebalance.delay.ms=0}, {@code num.partitions=1} and {@code
 * auto.create.topics.enable=false}, so writing to a missing topic is an error a test can see.
 * Timed-out transactions are aborted within half a second, so tests of transaction timeouts stay
 * short. Fatal broker errors cannot end the JVM: Kafka's {@link Exit} procedures throw instead.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = new KafkaBroker().start()) {
 *   kafka.createTopic("orders", 2);
 *   kafka.produce("orders", 0, null, "a");
 *   assertThat(kafka.readCommitted("orders")).containsExactly("a");
 * }
 * }</pre>
 *
 * <p>{@link #stop()} and {@link #start()} again keep the data and the ports, for tests of an
 * unreachable broker. Not thread-safe: one test thread drives a broker. From a shell, {@code
 * java ... io.nagare.connectors.kafka.testing.KafkaBroker <dir>} runs a broker whose data lives in
 * {@code <dir>} until the process is killed, and writes its bootstrap address to {@code
 * <dir>/bootstrap}.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final boolean deleteOnClose;
  private final Map<String, String> extraConfig;
  private final int brokerPort;
  private final int controllerPort;
  /** The SASL_PLAINTEXT listener's port (SCRAM-SHA-512 and delegation tokens), 0 for none. */
  private final int saslPort;

  private KafkaRaftServer server;
  private Admin admin;
  private KafkaProducer<byte[], byte[]> producer;

  /** A broker whose data lives in a fresh temporary folder, deleted by {@link #close()}. */
  public KafkaBroker() {
    this(createTempDir(), true, Map.of());
  }

  /** A broker with settings of its own on top of the single-node defaults (say a lower {@code transaction.max.timeout.ms}). */
  public KafkaBroker(Map<String, String> extraConfig) {
    this(createTempDir(), true, extraConfig);
  }

  /**
   * A broker whose data lives in {@code dir}, kept by {@link #close()}. A folder formatted by an
   * earlier broker is reused with its ports (read from {@code dir/ports}).
   */
  public KafkaBroker(Path dir) {
    this(dir, false, Map.of());
  }

  private KafkaBroker(Path dir, boolean deleteOnClose, Map<String, String> extraConfig) {
    this(dir, deleteOnClose, extraConfig, 0);
  }

  private KafkaBroker(Path dir, boolean deleteOnClose, Map<String, String> extraConfig, int saslPort) {
    this.dir = dir;
    this.deleteOnClose = deleteOnClose;
    this.extraConfig = Map.copyOf(extraConfig);
    int[] ports = ports(dir);
    this.brokerPort = ports[0];
    this.controllerPort = ports[1];
    this.saslPort = saslPort;
  }

  /**
   * A broker with a second client listener, {@code SASL_PLAINTEXT} at {@link #saslBootstrapServers()},
   * that authenticates with SCRAM-SHA-512 (users from {@link #addScramUser}) and Kafka delegation
   * tokens (the token secret set), besides the unauthenticated one of {@link #bootstrapServers()}
   * that the helpers of this class use; with {@code extraConfig} on top.
   */
  public static KafkaBroker withScram(Map<String, String> extraConfig) {
    Path dir = createTempDir();
    int[] ports = ports(dir);
    int sasl;
    try {
      do {
        sasl = freePort();
      } while (sasl == ports[0] || sasl == ports[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KafkaBroker(dir, true, extraConfig, sasl);
  }

  /** Formats the storage on the first start, then starts the broker and waits until it serves requests. */
  public KafkaBroker start() {
    if (server != null) {
      throw new IllegalStateException("The broker is running already");
    }
    FatalExits.install();
    KafkaConfig config = new KafkaConfig(config(), false);
    try {
      if (!Files.exists(dataDir().resolve("meta.properties"))) {
        format(config);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Could not format the Kafka storage in " + dataDir(), e);
    }
    KafkaRaftServer s = new KafkaRaftServer(config, Time.SYSTEM);
    s.startup();
    server = s;
    return this;
  }

  /** Shuts the broker down, keeping its data and ports for a later {@link #start()}. */
  public void stop() {
    closeClients();
    if (server != null) {
      KafkaRaftServer s = server;
      server = null;
      s.shutdown();
      s.awaitShutdown();
    }
  }

  /** True between {@link #start()} and {@link #stop()}. */
  public boolean isRunning() {
    return server != null;
  }

  @Override
  public void close() {
    stop();
    if (deleteOnClose) {
      deleteRecursively(dir);
    }
  }

  /** {@code localhost:<port>}, also while the broker is stopped. */
  public String bootstrapServers() {
    return "localhost:" + brokerPort;
  }

  /** {@code localhost:<port>} of the SCRAM listener of a broker made by {@link #withScram}. */
  public String saslBootstrapServers() {
    if (saslPort == 0) {
      throw new IllegalStateException("This broker has no SASL listener: make it with KafkaBroker.withScram");
    }
    return "localhost:" + saslPort;
  }

  /** Creates or replaces a SCRAM-SHA-512 user of the SASL listener. */
  public void addScramUser(String name, String password) {
    await(admin().alterUserScramCredentials(List.of(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(
        name, new org.apache.kafka.clients.admin.ScramCredentialInfo(
            org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096), password))).all());
  }

  /** An admin client of this broker, closed with it. */
  public Admin admin() {
    requireRunning();
    if (admin == null) {
      Properties props = new Properties();
      props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
      admin = Admin.create(props);
    }
    return admin;
  }

  /** Creates {@code name} with {@code partitions} partitions (replication factor 1) and waits for it. */
  public void createTopic(String name, int partitions) {
    await(admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all());
  }

  /** Grows {@code topic} to {@code totalPartitions} partitions. */
  public void addPartitions(String topic, int totalPartitions) {
    await(admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(totalPartitions))).all());
  }

  /** Writes one record (UTF-8 key and value, both may be null) and waits for its acknowledgement. */
  public void produce(String topic, int partition, String key, String value) {
    await(producer().send(new ProducerRecord<>(topic, partition, bytes(key), bytes(value))));
  }

  /** Writes {@code values} without keys, in order, to one partition and waits for all acknowledgements. */
  public void produceAll(String topic, int partition, List<String> values) {
    List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
    for (String v : values) {
      acks.add(producer().send(new ProducerRecord<>(topic, partition, null, bytes(v))));
    }
    acks.forEach(KafkaBroker::await);
  }

  /**
   * Every value a {@code read_committed} consumer sees in {@code topic}, up to the last stable
   * offset of each partition: partition 0's values in offset order, then partition 1's, and so on.
   * Values of open transactions (and anything after their first record) are not returned. Waits
   * first until no transaction of the cluster is being completed, since a commit returns before
   * its markers are written to the partitions.
   */
  public List<String> readCommitted(String topic) {
    return readCommittedRecords(topic).stream()
        .map(r -> r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8))
        .collect(Collectors.toList());
  }

  /** As {@link #readCommitted}, the whole records (keys, partitions, offsets, timestamps). */
  public List<ConsumerRecord<byte[], byte[]>> readCommittedRecords(String topic) {
    requireRunning();
    awaitNoTransactionCompleting();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, CLIENT_TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .sorted(Comparator.comparingInt(TopicPartition::partition))
          .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CLIENT_TIMEOUT);
      Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
      long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not read " + topic + " up to " + end + " within " + CLIENT_TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (r.offset() < end.get(tp)) {
            byPartition.computeIfAbsent(tp, k -> new ArrayList<>()).add(r);
          }
        }
      }
      List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
      partitions.forEach(tp -> all.addAll(byPartition.getOrDefault(tp, List.of())));
      return all;
    }
  }

  private void awaitNoTransactionCompleting() {
    ListTransactionsOptions completing = new ListTransactionsOptions()
        .filterStates(List.of(TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT));
    long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
    Collection<TransactionListing> listed;
    while (!(listed = await(admin().listTransactions(completing).all())).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Transactions still completing after " + CLIENT_TIMEOUT + ": " + listed);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted", e);
      }
    }
  }

  /** The transactional ids whose transaction is open (state Ongoing), sorted. */
  public Set<String> openTransactions() {
    ListTransactionsOptions options = new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING));
    return await(admin().listTransactions(options).all()).stream()
        .map(TransactionListing::transactionalId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Where the broker keeps its logs. */
  public Path dataDir() {
    return dir.resolve("data");
  }

  private Map<String, Object> config() {
    Map<String, Object> c = new HashMap<>();
    c.put("process.roles", "broker,controller");
    c.put("node.id", "1");
    c.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
    c.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
    c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    c.put("controller.listener.names", "CONTROLLER");
    c.put("inter.broker.listener.name", "PLAINTEXT");
    c.put("controller.quorum.voters", "1@localhost:" + controllerPort);
    c.put("log.dirs", dataDir().toString());
    c.put("num.partitions", "1");
    c.put("auto.create.topics.enable", "false");
    c.put("offsets.topic.replication.factor", "1");
    c.put("offsets.topic.num.partitions", "1");
    c.put("transaction.state.log.replication.factor", "1");
    c.put("transaction.state.log.min.isr", "1");
    c.put("transaction.state.log.num.partitions", "1");
    c.put("share.coordinator.state.topic.replication.factor", "1");
    c.put("share.coordinator.state.topic.min.isr", "1");
    c.put("share.coordinator.state.topic.num.partitions", "1");
    c.put("group.initial.rebalance.delay.ms", "0");
    c.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500");
    c.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    c.put("num.network.threads", "2");
    c.put("num.io.threads", "2");
    c.put("background.threads", "2");
    if (saslPort != 0) {
      c.put("listeners", c.get("listeners") + ",SASL_PLAINTEXT://localhost:" + saslPort);
      c.put("advertised.listeners", c.get("advertised.listeners") + ",SASL_PLAINTEXT://localhost:" + saslPort);
      c.put("listener.security.protocol.map", c.get("listener.security.protocol.map")
          + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
      c.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
      c.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      c.put("delegation.token.secret.key", "nagare-test-token-secret");
    }
    c.putAll(extraConfig);
    return c;
  }

  private void format(KafkaConfig config) throws Exception {
    Files.createDirectories(dataDir());
    new Formatter()
        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
        .setNodeId(config.nodeId())
        .setClusterId(Uuid.randomUuid().toString())
        .setControllerListenerName("CONTROLLER")
        .setMetadataLogDirectory(config.metadataLogDir())
        .addDirectory(dataDir().toString())
        .run();
  }

  private KafkaProducer<byte[], byte[]> producer() {
    requireRunning();
    if (producer == null) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
      producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  private void closeClients() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }

  private void requireRunning() {
    if (server == null) {
      throw new IllegalStateException("The broker is not running");
    }
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static <T> T await(java.util.concurrent.Future<T> future) {
    try {
      return future.get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("No answer from the broker within " + CLIENT_TIMEOUT, e);
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("nagare-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The broker's two ports: read from {@code dir/ports} if an earlier broker chose them, else picked now and written there. */
  private static int[] ports(Path dir) {
    Path file = dir.resolve("ports");
    try {
      if (Files.exists(file)) {
        String[] parts = Files.readString(file).trim().split(" ");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
      }
      int[] ports = {freePort(), freePort()};
      while (ports[1] == ports[0]) {
        ports[1] = freePort();
      }
      Files.createDirectories(dir);
      Files.writeString(file, ports[0] + " " + ports[1] + "\n");
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("localhost", 0));
      return s.getLocalPort();
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code KafkaBroker <dir>}: runs a broker whose data lives in {@code dir} until the process is
   * killed, and writes its bootstrap address to {@code dir/bootstrap} once it serves requests.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("Usage: KafkaBroker <dir>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    KafkaBroker broker = new KafkaBroker(dir).start();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-shutdown"));
    Path tmp = dir.resolve("bootstrap.tmp");
    Files.writeString(tmp, broker.bootstrapServers() + "\n");
    Files.move(tmp, dir.resolve("bootstrap"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.out.println("Kafka broker running at " + broker.bootstrapServers() + ", data in " + dir);
    Thread.currentThread().join();
  }

  /** Replaces Kafka's exit and halt procedures, once per JVM, so a fatal broker error throws instead of ending the JVM. */
  private static final class FatalExits {
    private static boolean installed;

    static synchronized void install() {
      if (!installed) {
        Exit.setExitProcedure((code, message) -> {
          throw new IllegalStateException("Kafka asked to exit the JVM with status " + code + ": " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
          throw new IllegalStateException("Kafka asked to halt the JVM with status " + code + ": " + message);
        });
        installed = true;
      }
    }
  }
}
