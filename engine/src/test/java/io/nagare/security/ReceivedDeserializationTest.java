package io.nagare.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.functions.MapFunction;
import io.nagare.cluster.UserCodeClassLoaders;
import io.nagare.plan.UserCodeSerialization;
import io.nagare.testing.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.jar.JarOutputStream;
import javax.management.BadAttributeValueExpException;
import org.apache.commons.beanutils.BeanComparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java deserialization of received bytes goes through the allow-list: gadget classes of the
 * process's class path and forged bounds are refused with a message naming them, while a job's
 * own classes (from its separately built jar), lambdas and JDK collections pass.
 */
class ReceivedDeserializationTest {
  @TempDir
  Path dir;
  private UserCodeClassLoaders loaders;
  private ClassLoader jobLoader;

  @BeforeEach
  void jobLoader() throws Exception {
    Path empty = dir.resolve("empty.jar");
    new JarOutputStream(Files.newOutputStream(empty)).close();
    loaders = new UserCodeClassLoaders(dir.resolve("jobs"), getClass().getClassLoader(), ClassAllowList.defaults());
    jobLoader = loaders.register("job", Files.readAllBytes(empty));
  }

  @AfterEach
  void release() {
    loaders.close();
  }

  private static byte[] serialize(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private static String origin(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation().toString();
  }

  @Test
  void aPriorityQueueWithAComparatorFromTheClassPathIsRefusedNamingTheComparator() throws Exception {
    PriorityQueue<Object> queue = new PriorityQueue<>(2, new BeanComparator<>());
    queue.add("a");
    queue.add("b");
    byte[] payload = serialize(queue);
    assertThatThrownBy(() -> UserCodeSerialization.deserialize(payload, jobLoader))
        .isInstanceOf(DeserializationRefusedException.class)
        .hasMessage("Refused to deserialize: class org.apache.commons.beanutils.BeanComparator is not allowed: it is"
            + " neither a JDK type jobs are made of, nor nagare's, nor defined by the job's jar (it comes from "
            + origin(BeanComparator.class) + "). If the job needs it, add it to"
            + " security.deserialization.allowed-classes");
  }

  @Test
  void aJdkGadgetOutsideTheAllowListIsRefused() throws Exception {
    byte[] payload = serialize(List.of(new BadAttributeValueExpException("x")));
    assertThatThrownBy(() -> UserCodeSerialization.deserialize(payload, jobLoader))
        .isInstanceOf(DeserializationRefusedException.class)
        .hasMessage("Refused to deserialize: class javax.management.BadAttributeValueExpException is not allowed:"
            + " it is neither a JDK type jobs are made of, nor nagare's, nor defined by the job's jar (it comes"
            + " from module java.management). If the job needs it, add it to"
            + " security.deserialization.allowed-classes");
  }

  @Test
  void theSettingAllowsMoreClasses() throws Exception {
    UserCodeClassLoaders permissive = new UserCodeClassLoaders(dir.resolve("permissive"),
        getClass().getClassLoader(), ClassAllowList.withSetting("org.apache.commons.beanutils.*; org.apache.commons.collections.**"));
    try (permissive) {
      ClassLoader loader = permissive.register("job", Files.readAllBytes(dir.resolve("empty.jar")));
      PriorityQueue<String> queue = new PriorityQueue<>(2, new BeanComparator<>());
      queue.add("b");
      queue.add("a");
      PriorityQueue<String> read = UserCodeSerialization.deserialize(serialize(queue), loader);
      assertThat(read.peek()).isEqualTo("a");
    }
    assertThatThrownBy(() -> ClassAllowList.withSetting("org.example.*.Foo"))
        .hasMessage("Invalid pattern 'org.example.*.Foo' in security.deserialization.allowed-classes: expected a"
            + " class name, package.* or package.**");
  }

  @Test
  void aForgedArrayLengthIsRefusedBeforeTheArrayIsAllocated() throws Exception {
    byte[] payload = serialize(new int[] {1, 2, 3});
    int at = payload.length - 3 * 4 - 4;
    assertThat(ByteBuffer.wrap(payload, at, 4).getInt()).as("the array's length field").isEqualTo(3);
    ByteBuffer.wrap(payload).putInt(at, Integer.MAX_VALUE);
    assertThatThrownBy(() -> UserCodeSerialization.deserialize(payload, jobLoader))
        .isInstanceOf(DeserializationRefusedException.class)
        .hasMessage("Refused to deserialize: an array of 2147483647 elements of int in a stream with 12 bytes left");
  }

  @Test
  void deeplyNestedObjectsAreRefusedAtTheDepthLimit() throws Exception {
    Object nested = "bottom";
    for (int i = 0; i < 1000; i++) {
      nested = new Object[] {nested};
    }
    byte[] payload = serialize(nested);
    assertThatThrownBy(() -> UserCodeSerialization.deserialize(payload, jobLoader))
        .isInstanceOf(DeserializationRefusedException.class)
        .hasMessage("Refused to deserialize: objects nest deeper than 500 levels");
    assertThatThrownBy(() -> UserCodeSerialization.deserialize(payload, getClass().getClassLoader()))
        .as("bytes this process wrote itself are bounded too")
        .hasMessage("Refused to deserialize: objects nest deeper than 500 levels");
  }

  @Test
  void aJobsOwnClassesLambdasAndCollectionsFromItsJarPass() throws Exception {
    Path jar = TestJars.build(dir, "userjob", Map.of(
        "userjob.Money", "package userjob; public final class Money implements java.io.Serializable {"
            + " public long cents; public Money(long cents) { this.cents = cents; }"
            + " public String toString() { return cents + \" cents\"; } }",
        "userjob.Functions", "package userjob; import io.nagare.api.functions.MapFunction;"
            + " public final class Functions {"
            + " public static MapFunction<Long, Object> pricing(java.util.List<Money> prices) {"
            + "   return n -> prices.get((int) (n % prices.size())).cents * n + \" for \" + new Money(n); } }"),
        null);
    Object function;
    try (URLClassLoader client = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> money = client.loadClass("userjob.Money");
      List<Object> prices = new ArrayList<>(List.of(money.getConstructor(long.class).newInstance(100L),
          money.getConstructor(long.class).newInstance(250L)));
      function = client.loadClass("userjob.Functions").getMethod("pricing", List.class).invoke(null, prices);
    }
    byte[] graph = serialize(function);
    ClassLoader received = loaders.register("user-job", Files.readAllBytes(jar));
    @SuppressWarnings("unchecked")
    MapFunction<Long, Object> read = UserCodeSerialization.deserialize(graph, received);
    assertThat(read.map(3L)).isEqualTo("750 for 3 cents");
    assertThat(read.getClass().getClassLoader()).isSameAs(received);
  }

  /** A value type of nagare's test code, allowed by name. */
  record Pair(String key, long value) implements Serializable {}

  @Test
  void nagareClassesAndRecordsPass() throws Exception {
    Pair read = UserCodeSerialization.deserialize(serialize(new Pair("k", 7)), jobLoader);
    assertThat(read).isEqualTo(new Pair("k", 7));
  }
}
