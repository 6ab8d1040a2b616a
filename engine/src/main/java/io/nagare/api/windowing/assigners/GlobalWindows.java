package io.nagare.api.windowing.assigners;

import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.triggers.EndOfInputTrigger;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.windows.GlobalWindow;
import java.util.Collection;
import java.util.List;

/**
 * Every element of a key in one window that never ends; give it a trigger (count windows do). The
 * default trigger fires once, at the end of a bounded input (the final watermark); it never fires on an
 * unbounded one.
 */
public final class GlobalWindows extends WindowAssigner<Object, GlobalWindow> {
  private static final long serialVersionUID = 1L;

  private GlobalWindows() {}

  public static GlobalWindows create() {
    return new GlobalWindows();
  }

  @Override
  public Collection<GlobalWindow> assignWindows(Object element, long timestamp, WindowAssignerContext context) {
    return List.of(GlobalWindow.get());
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Trigger<Object, GlobalWindow> getDefaultTrigger() {
    return (Trigger) EndOfInputTrigger.create();
  }

  @Override
  public TypeInformation<GlobalWindow> getWindowType() {
    return TypeInformation.of(GlobalWindow.class);
  }

  @Override
  public boolean isEventTime() {
    return false;
  }
}
