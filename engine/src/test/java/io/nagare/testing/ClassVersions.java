package io.nagare.testing;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Versions of user classes for schema evolution tests: Java sources compiled at test time into
 * their own directory and loaded by their own class loader, so that two versions of a class with
 * the same name (the job before and after a code change) live in one test.
 */
public final class ClassVersions {
  private ClassVersions() {}

  /**
   * Compiles {@code sources} (class name to source text) into {@code directory} and returns a class
   * loader for them, whose parent is the test's class loader.
   */
  public static ClassLoader compile(Path directory, Map<String, String> sources) throws IOException {
    Path src = Files.createDirectories(directory.resolve("src"));
    Path classes = Files.createDirectories(directory.resolve("classes"));
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none"));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      arguments.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("Compiling " + sources.keySet() + " failed: " + errors);
    }
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, ClassVersions.class.getClassLoader());
  }
}
