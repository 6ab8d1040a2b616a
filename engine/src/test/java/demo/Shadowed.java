package demo;

/** On the test classpath (the task manager's), and with other behaviour in the jars UserCodeClassLoadersTest builds. */
public final class Shadowed {
  private Shadowed() {}

  public static String origin() {
    return "task manager";
  }
}
