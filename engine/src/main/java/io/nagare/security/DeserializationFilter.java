package io.nagare.security;

import java.io.ObjectInputFilter;

/**
 * The {@link ObjectInputFilter} of one Java deserialization of received bytes: classes must pass
 * a {@link ClassAllowList} (with the job's class loader, whose own classes pass), and the stream
 * is bounded before anything is allocated: nesting depth, object references, and array lengths
 * (an array of {@code n} elements needs at least {@code n} more bytes of the stream, so a forged
 * length is refused before its array exists). Keeps the first refusal's reason for the error.
 * One per stream, used on the deserializing thread only.
 */
public final class DeserializationFilter implements ObjectInputFilter {
  /** The deepest nesting of objects accepted. */
  public static final int MAX_DEPTH = 500;
  /** The most object references one stream may hold. */
  public static final long MAX_REFERENCES = 10_000_000;

  private final ClassAllowList allowList;
  private final ClassLoader jobLoader;
  private final long streamLength;
  private String refusal;

  /**
   * A filter for a stream of {@code streamLength} bytes; {@code allowList} null accepts every
   * class (bytes this process wrote itself) and keeps only the bounds.
   */
  public DeserializationFilter(ClassAllowList allowList, ClassLoader jobLoader, long streamLength) {
    this.allowList = allowList;
    this.jobLoader = jobLoader;
    this.streamLength = streamLength;
  }

  @Override
  public Status checkInput(FilterInfo info) {
    if (refusal != null) {
      return Status.REJECTED;
    }
    if (info.depth() > MAX_DEPTH) {
      return refuse("objects nest deeper than " + MAX_DEPTH + " levels");
    }
    if (info.references() > MAX_REFERENCES) {
      return refuse("more than " + MAX_REFERENCES + " object references");
    }
    if (info.arrayLength() > Math.max(0, streamLength - info.streamBytes())) {
      return refuse("an array of " + info.arrayLength() + " elements"
          + (info.serialClass() == null ? "" : " of " + info.serialClass().getComponentType().getName())
          + " in a stream with " + Math.max(0, streamLength - info.streamBytes()) + " bytes left");
    }
    Class<?> type = info.serialClass();
    if (type != null && allowList != null) {
      String why = allowList.refusal(type, jobLoader);
      if (why != null) {
        return refuse(why);
      }
    }
    return Status.UNDECIDED;
  }

  /** Why the stream was refused, or null if it was not. */
  public String refusal() {
    return refusal;
  }

  private Status refuse(String why) {
    refusal = why;
    return Status.REJECTED;
  }
}
