package io.nagare.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which classes Java deserialization may create from bytes a process received (a submitted job
 * graph, a deployed plan, accumulators): the JDK types a job's functions are made of (boxed
 * values, strings, big numbers, collections, time, lambdas), every enum, nagare's own classes,
 * the classes the job's own jar defines, and the patterns of
 * {@code security.deserialization.allowed-classes}. Everything else on the process's class path
 * (Hadoop, Jackson, Netty, commons-*, JMX, ...: where the known gadget chains live) is refused.
 *
 * <p>A pattern is a class name ({@code org.example.Money}), a package ({@code org.example.*}) or
 * a package with its subpackages ({@code org.example.**}), as in {@code jdk.serialFilter}.
 * Immutable and thread-safe.
 */
public final class ClassAllowList {
  /** The setting that extends the allow-list, named in refusals. */
  public static final String SETTING = "security.deserialization.allowed-classes";

  private static final List<String> JDK_PATTERNS = List.of(
      "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Short",
      "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Number",
      "java.lang.Object", "java.lang.Enum", "java.lang.Record", "java.lang.StackTraceElement",
      "java.lang.String$CaseInsensitiveComparator",
      "java.lang.invoke.SerializedLambda", "java.math.BigInteger", "java.math.BigDecimal",
      "java.util.*", "java.util.concurrent.*", "java.util.concurrent.atomic.*", "java.util.regex.Pattern",
      "java.time.*", "java.time.temporal.*", "java.time.zone.*", "java.text.*", "java.net.URI");

  /** Serializable classes of allowed packages that still run code worth refusing when they are read. */
  private static final Set<String> EXCLUDED = Set.of("java.util.logging.Logger", "java.util.Timer");

  private static final ClassAllowList DEFAULTS = new ClassAllowList(List.of());

  private final List<String> extra;
  private final List<String> patterns;

  private ClassAllowList(List<String> extra) {
    this.extra = List.copyOf(extra);
    List<String> all = new ArrayList<>(JDK_PATTERNS);
    all.add("io.nagare.**");
    all.addAll(extra);
    this.patterns = List.copyOf(all);
  }

  /** The built-in allow-list. */
  public static ClassAllowList defaults() {
    return DEFAULTS;
  }

  /**
   * The built-in allow-list and {@code setting}'s patterns, separated by {@code ;} or {@code ,}.
   *
   * @throws IllegalArgumentException naming the setting and the pattern if one is malformed
   */
  public static ClassAllowList withSetting(String setting) {
    List<String> extra = new ArrayList<>();
    for (String p : setting.split("[;,]")) {
      String pattern = p.trim();
      if (pattern.isEmpty()) {
        continue;
      }
      String name = pattern.endsWith(".**") ? pattern.substring(0, pattern.length() - 3)
          : pattern.endsWith(".*") ? pattern.substring(0, pattern.length() - 2) : pattern;
      if (name.isEmpty() || name.contains("*") || name.contains("/") || name.startsWith(".") || name.endsWith(".")) {
        throw new IllegalArgumentException("Invalid pattern '" + pattern + "' in " + SETTING
            + ": expected a class name, package.* or package.**");
      }
      extra.add(pattern);
    }
    return extra.isEmpty() ? DEFAULTS : new ClassAllowList(extra);
  }

  /** The patterns added by the setting. */
  public List<String> extraPatterns() {
    return extra;
  }

  /**
   * Why {@code type} may not be deserialized with {@code jobLoader} (the class loader over the
   * job's jar, or null when there is none), or null if it may. Arrays are judged by their element
   * type; a class the job loader itself defined is the job's own.
   */
  public String refusal(Class<?> type, ClassLoader jobLoader) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive() || element.isEnum() || (element.getSuperclass() != null
        && element.getSuperclass().isEnum())) {
      return null;
    }
    if (jobLoader != null && element.getClassLoader() == jobLoader) {
      return null;
    }
    String name = element.getName();
    if (!EXCLUDED.contains(name) && matchesAny(name)) {
      return null;
    }
    return "class " + name + " is not allowed: it is neither a JDK type jobs are made of, nor nagare's, nor"
        + " defined by the job's jar (it comes from " + origin(element) + "). If the job needs it, add it to "
        + SETTING;
  }

  private boolean matchesAny(String name) {
    for (String pattern : patterns) {
      if (matches(pattern, name)) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(String pattern, String name) {
    if (pattern.endsWith(".**")) {
      return name.startsWith(pattern.substring(0, pattern.length() - 2));
    }
    if (pattern.endsWith(".*")) {
      String pkg = pattern.substring(0, pattern.length() - 1);
      return name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0;
    }
    return name.equals(pattern);
  }

  private static String origin(Class<?> type) {
    java.security.ProtectionDomain domain = type.getProtectionDomain();
    java.security.CodeSource source = domain == null ? null : domain.getCodeSource();
    if (source != null && source.getLocation() != null) {
      return source.getLocation().toString();
    }
    return type.getModule().isNamed() ? "module " + type.getModule().getName() : "the process's class path";
  }
}
