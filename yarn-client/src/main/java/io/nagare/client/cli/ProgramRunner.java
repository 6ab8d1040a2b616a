package io.nagare.client.cli;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.environment.StreamExecutionEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Runs the main method of a program in a job jar, in this process: a class loader over the jar
 * (parent: nagare's own), a {@link ContextEnvironment} installed for {@code
 * getExecutionEnvironment()}, and clear errors for a missing jar, class or main method, for a
 * program that never calls {@code execute()}, and for one that fails. Single use, caller's thread.
 */
final class ProgramRunner {
  private final Path jar;
  private final String mainClassName;
  private final String[] args;
  private final Configuration configuration;
  private final PrintStream err;

  ProgramRunner(Path jar, String mainClassName, String[] args, Configuration configuration, PrintStream err) {
    this.jar = jar;
    this.mainClassName = mainClassName;
    this.args = args;
    this.configuration = configuration;
    this.err = err;
  }

  int run() {
    if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
      err.println("Job jar not found: " + jar);
      return CliFrontend.USAGE;
    }
    String className = mainClassName;
    if (className == null) {
      try {
        className = manifestMainClass();
      } catch (IOException e) {
        err.println("Cannot read job jar " + jar + ": " + e.getMessage());
        return CliFrontend.USAGE;
      }
      if (className == null) {
        err.println("No main class given and the manifest of " + jar + " names none: pass it with -c <class>");
        return CliFrontend.USAGE;
      }
    }
    URL url;
    try {
      url = jar.toUri().toURL();
    } catch (IOException e) {
      err.println("Cannot read job jar " + jar + ": " + e.getMessage());
      return CliFrontend.USAGE;
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {url}, CliFrontend.class.getClassLoader())) {
      Method main;
      try {
        main = findMain(loader, className);
      } catch (ClassNotFoundException | NoClassDefFoundError e) {
        err.println("Main class " + className + " not found in " + jar);
        return CliFrontend.USAGE;
      } catch (NoSuchMethodException e) {
        err.println("Class " + className + " in " + jar + " has no method 'public static void main(String[])'");
        return CliFrontend.USAGE;
      }
      return invoke(main, loader, className);
    } catch (IOException e) {
      err.println("Cannot close the class loader of " + jar + ": " + e.getMessage());
      return CliFrontend.PROGRAM_FAILED;
    }
  }

  private String manifestMainClass() throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      return manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
    }
  }

  private static Method findMain(ClassLoader loader, String className)
      throws ClassNotFoundException, NoSuchMethodException {
    Class<?> c = Class.forName(className, false, loader);
    Method main = c.getMethod("main", String[].class);
    if (!Modifier.isStatic(main.getModifiers()) || main.getReturnType() != void.class) {
      throw new NoSuchMethodException(className + ".main");
    }
    return main;
  }

  private int invoke(Method main, ClassLoader loader, String className) {
    ContextEnvironment.Executions executions = new ContextEnvironment.Executions();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    StreamExecutionEnvironment.initializeContextEnvironment(
        () -> new ContextEnvironment(configuration, loader, executions, err));
    thread.setContextClassLoader(loader);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      reportFailure(e.getCause());
      return CliFrontend.PROGRAM_FAILED;
    } catch (IllegalAccessException e) {
      err.println("Cannot call " + className + ".main: " + e.getMessage());
      return CliFrontend.USAGE;
    } finally {
      thread.setContextClassLoader(previous);
      StreamExecutionEnvironment.resetContextEnvironment();
    }
    if (executions.count() == 0) {
      err.println("The program's main method (" + className + ") did not call execute(): it built no job to run.");
      return CliFrontend.PROGRAM_FAILED;
    }
    return CliFrontend.OK;
  }

  /** One line saying what failed, then the whole exception for whoever debugs it. */
  private void reportFailure(Throwable failure) {
    err.println("The program failed: " + (failure.getMessage() != null ? failure.getMessage() : failure.toString()));
    failure.printStackTrace(err);
  }
}
