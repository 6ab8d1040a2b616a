package io.nagare.plan;

import io.nagare.security.ClassAllowList;
import io.nagare.security.DeserializationFilter;
import io.nagare.security.DeserializationRefusedException;
import io.nagare.security.ReceivedCodeClassLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Java serialization of user code (functions, sources, key selectors) into the plan: done once when
 * the plan is built, so a function that cannot be shipped fails at {@code execute()} with a message
 * naming its operator, and each subtask later gets its own copy from the bytes. Never used on the
 * record path. Stateless.
 */
public final class UserCodeSerialization {
  private UserCodeSerialization() {}

  /**
   * Serializes {@code object}, part of {@code operatorName}.
   *
   * @throws IllegalArgumentException naming the operator and the offending class if it cannot be serialized
   */
  public static byte[] serialize(Serializable object, String what, String operatorName) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("The " + what + " of operator '" + operatorName + "' is not serializable: "
          + e.getMessage() + " cannot be serialized. " + hint(object), e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("The " + what + " of operator '" + operatorName + "' could not be serialized: "
          + e, e);
    }
    return bytes.toByteArray();
  }

  private static String hint(Object object) {
    Object userCode = object;
    if (object instanceof io.nagare.api.transformations.OperatorSpec) {
      io.nagare.api.transformations.OperatorSpec spec = (io.nagare.api.transformations.OperatorSpec) object;
      userCode = spec.getFunction() != null ? spec.getFunction() : spec.getSettings();
    } else if (object instanceof SourcePayload) {
      userCode = ((SourcePayload) object).source();
    }
    Class<?> c = userCode.getClass();
    String base = "Functions are shipped to their subtasks: make their fields serializable or transient (and"
        + " create them in open()).";
    if (c.isAnonymousClass() || (c.getEnclosingClass() != null && !java.lang.reflect.Modifier.isStatic(c.getModifiers()))) {
      return base + " " + c.getName() + " is an anonymous or inner class, which also captures its enclosing instance:"
          + " make it a static nested or top-level class, or make the enclosing class serializable.";
    }
    return base;
  }

  /**
   * Reads what {@link #serialize} wrote, resolving classes through {@code classLoader}. Always
   * through a {@link DeserializationFilter}: when {@code classLoader} is a {@link
   * ReceivedCodeClassLoader} (the bytes came from elsewhere with a job's jar), only the classes of
   * its allow-list and of the jar are created; otherwise (bytes this process wrote) any class, but
   * bounded all the same.
   *
   * @throws DeserializationRefusedException naming the refused class (and the setting that allows
   *     it) or the bound the bytes broke
   */
  @SuppressWarnings("unchecked")
  public static <T> T deserialize(byte[] bytes, ClassLoader classLoader) throws IOException, ClassNotFoundException {
    ClassAllowList allowList = classLoader instanceof ReceivedCodeClassLoader received ? received.allowList() : null;
    DeserializationFilter filter = new DeserializationFilter(allowList, classLoader, bytes.length);
    try (ObjectInputStream in = new ClassLoaderObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
      in.setObjectInputFilter(filter);
      return (T) in.readObject();
    } catch (InvalidClassException e) {
      if (filter.refusal() != null) {
        throw new DeserializationRefusedException("Refused to deserialize: " + filter.refusal());
      }
      throw e;
    }
  }

  private static final class ClassLoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader classLoader;

    ClassLoaderObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
      super(in);
      this.classLoader = classLoader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, classLoader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
