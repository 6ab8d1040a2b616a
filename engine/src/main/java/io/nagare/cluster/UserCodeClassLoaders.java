package io.nagare.cluster;

import io.nagare.security.ClassAllowList;
import io.nagare.security.ReceivedCodeClassLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loaders of the jobs a task manager runs: one per job, over a copy of the job's jar,
 * closed and deleted when the job ends, so two jobs never see each other's classes and a finished
 * job leaves nothing loaded. Job classes come first (a job may bundle its own version of a
 * library), except the JDK's, nagare's and the logging and Hadoop APIs the engine shares with
 * user code, which always come from the task manager. Java deserialization with a job's loader
 * creates only the classes of the allow-list and of the job's jar ({@link ReceivedCodeClassLoader}).
 * Thread-safe.
 */
public final class UserCodeClassLoaders implements AutoCloseable {
  /** Packages always loaded from the task manager, as Flink's {@code classloader.parent-first-patterns}. */
  static final List<String> PARENT_FIRST = List.of("java.", "javax.", "jdk.", "sun.", "io.nagare.", "org.slf4j.",
      "org.apache.logging.", "org.apache.log4j.", "org.apache.hadoop.", "org.rocksdb.", "io.netty.",
      "com.fasterxml.jackson.");

  private final Path directory;
  private final ClassLoader parent;
  private final ClassAllowList allowList;
  private final Map<String, Loader> loaders = new ConcurrentHashMap<>();

  /**
   * Class loaders with their jars in {@code directory}, over {@code parent}; what is deserialized
   * with them passes {@code allowList} or is defined by the job's jar.
   */
  public UserCodeClassLoaders(Path directory, ClassLoader parent, ClassAllowList allowList) {
    this.directory = directory;
    this.parent = parent;
    this.allowList = allowList;
  }

  /**
   * The class loader of job {@code jobId}, over {@code jar} (written to this task manager's
   * directory); the same loader if the job has one already.
   */
  public ClassLoader register(String jobId, byte[] jar) {
    return loaders.computeIfAbsent(jobId, id -> {
      try {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "job-" + id + "-", ".jar");
        Files.write(file, jar);
        return new Loader(file, new URL[] {file.toUri().toURL()}, parent, allowList);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot store the jar of job " + id + " in " + directory, e);
      }
    });
  }

  /** The class loader of job {@code jobId}, or null. */
  public ClassLoader get(String jobId) {
    return loaders.get(jobId);
  }

  /** The job has ended here: closes its class loader and deletes its jar. */
  public void release(String jobId) {
    Loader loader = loaders.remove(jobId);
    if (loader != null) {
      loader.release();
    }
  }

  /** The jobs with a class loader here. */
  public java.util.Set<String> jobs() {
    return java.util.Set.copyOf(loaders.keySet());
  }

  @Override
  public void close() {
    for (String job : jobs()) {
      release(job);
    }
  }

  /** Loads a job's classes from its jar first, the shared packages from the parent. */
  private static final class Loader extends URLClassLoader implements ReceivedCodeClassLoader {
    static {
      ClassLoader.registerAsParallelCapable();
    }

    private final Path jar;
    private final ClassAllowList allowList;

    Loader(Path jar, URL[] urls, ClassLoader parent, ClassAllowList allowList) throws MalformedURLException {
      super(urls, parent);
      this.jar = jar;
      this.allowList = allowList;
    }

    @Override
    public ClassAllowList allowList() {
      return allowList;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      for (String prefix : PARENT_FIRST) {
        if (name.startsWith(prefix)) {
          return super.loadClass(name, resolve);
        }
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            return super.loadClass(name, resolve);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public URL getResource(String name) {
      URL own = findResource(name);
      return own != null ? own : super.getResource(name);
    }

    void release() {
      try {
        close();
        Files.deleteIfExists(jar);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot remove the jar " + jar, e);
      }
    }
  }
}
