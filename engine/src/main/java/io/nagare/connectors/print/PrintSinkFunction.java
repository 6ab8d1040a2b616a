package io.nagare.connectors.print;

import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.RichSinkFunction;
import java.io.PrintStream;

/**
 * Prints each element's {@code toString()} on its own line, as Flink does: prefixed with {@code
 * "<subtask+1>> "} when the sink runs in parallel, and with {@code "<identifier>:"} if given.
 */
public final class PrintSinkFunction<T> extends RichSinkFunction<T> {
  private final boolean stdErr;
  private final String identifier;
  private transient PrintStream stream;
  private transient String prefix;

  public PrintSinkFunction(boolean stdErr, String identifier) {
    this.stdErr = stdErr;
    this.identifier = identifier;
  }

  @Override
  public void open(OpenContext openContext) {
    stream = stdErr ? System.err : System.out;
    int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    String p = identifier == null ? "" : identifier;
    if (parallelism > 1) {
      p = p.isEmpty() ? (index + 1) + "> " : p + ":" + (index + 1) + "> ";
    } else if (!p.isEmpty()) {
      p = p + "> ";
    }
    prefix = p;
  }

  @Override
  public void invoke(T value, Context context) {
    stream.println(prefix + value);
  }
}
