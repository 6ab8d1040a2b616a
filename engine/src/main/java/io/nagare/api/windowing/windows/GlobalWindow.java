package io.nagare.api.windowing.windows;

/** The one window of {@code GlobalWindows}: it never ends by itself, so its trigger decides everything. */
public record GlobalWindow() implements Window {
  private static final GlobalWindow INSTANCE = new GlobalWindow();

  public static GlobalWindow get() {
    return INSTANCE;
  }

  @Override
  public long maxTimestamp() {
    return Long.MAX_VALUE;
  }
}
