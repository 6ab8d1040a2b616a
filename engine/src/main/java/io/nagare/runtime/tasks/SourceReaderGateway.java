package io.nagare.runtime.tasks;

import java.util.List;

/** How a source coordinator reaches one source subtask's reader (callable from any thread). */
public interface SourceReaderGateway {
  void addSplits(List<?> splits);

  void noMoreSplits();
}
