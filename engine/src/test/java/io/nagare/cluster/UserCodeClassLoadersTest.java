package io.nagare.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.functions.MapFunction;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs' own class loaders: isolated from each other, job classes first except the shared packages, gone when the job ends. */
class UserCodeClassLoadersTest {
  @TempDir
  Path temp;

  /** A jar holding demo.Shadowed and demo.Greeting whose methods return {@code word}, and a MapFunction. */
  private byte[] jar(String word) throws Exception {
    Path src = Files.createDirectories(temp.resolve("src-" + word + "/demo"));
    Files.writeString(src.resolve("Shadowed.java"), "package demo; public final class Shadowed {"
        + " public static String origin() { return \"job " + word + "\"; } }");
    Files.writeString(src.resolve("Greeting.java"), "package demo; public final class Greeting"
        + " implements io.nagare.api.functions.MapFunction<String, String> {"
        + " public String map(String s) { return \"" + word + " \" + s; } }");
    Path classes = Files.createDirectories(temp.resolve("classes-" + word));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        src.resolve("Shadowed.java").toString(), src.resolve("Greeting.java").toString());
    assertThat(rc).isZero();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(bytes); Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static String call(ClassLoader loader, String className, String method) throws Exception {
    return (String) loader.loadClass(className).getMethod(method).invoke(null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void twoJobsWithTheSameClassNamesSeeOnlyTheirOwn() throws Exception {
    try (UserCodeClassLoaders loaders = new UserCodeClassLoaders(temp.resolve("jobs"), getClass().getClassLoader(),
        io.nagare.security.ClassAllowList.defaults())) {
      ClassLoader one = loaders.register("job-1", jar("one"));
      ClassLoader two = loaders.register("job-2", jar("two"));
      assertThat(call(one, "demo.Shadowed", "origin")).isEqualTo("job one");
      assertThat(call(two, "demo.Shadowed", "origin")).isEqualTo("job two");
      assertThat(demo.Shadowed.origin()).isEqualTo("task manager");

      MapFunction<String, String> f1 = (MapFunction<String, String>) one.loadClass("demo.Greeting")
          .getDeclaredConstructor().newInstance();
      MapFunction<String, String> f2 = (MapFunction<String, String>) two.loadClass("demo.Greeting")
          .getDeclaredConstructor().newInstance();
      assertThat(List.of(f1.map("x"), f2.map("x"))).containsExactly("one x", "two x");
      assertThat(one.loadClass(MapFunction.class.getName())).as("the API is shared, not the job's")
          .isSameAs(MapFunction.class);
      assertThat(loaders.register("job-1", jar("three"))).as("one loader per job").isSameAs(one);
    }
  }

  @Test
  void aFinishedJobsLoaderIsClosedAndItsJarDeleted() throws Exception {
    UserCodeClassLoaders loaders = new UserCodeClassLoaders(temp.resolve("jobs"), getClass().getClassLoader(),
        io.nagare.security.ClassAllowList.defaults());
    ClassLoader loader = loaders.register("job-1", jar("one"));
    assertThat(call(loader, "demo.Shadowed", "origin")).isEqualTo("job one");
    try (Stream<Path> jars = Files.list(temp.resolve("jobs"))) {
      assertThat(jars).hasSize(1);
    }
    loaders.release("job-1");
    assertThat(loaders.get("job-1")).isNull();
    assertThat(loaders.jobs()).isEmpty();
    try (Stream<Path> jars = Files.list(temp.resolve("jobs"))) {
      assertThat(jars).isEmpty();
    }
    assertThatThrownBy(() -> loader.loadClass("demo.Greeting")).isInstanceOf(ClassNotFoundException.class);
  }
}
