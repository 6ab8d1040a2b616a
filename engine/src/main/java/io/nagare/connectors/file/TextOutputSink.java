package io.nagare.connectors.file;

import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.RichSinkFunction;
import io.nagare.fs.HadoopFileSystems;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes each element's {@code toString()} as a line to a file on any Hadoop file system: at
 * parallelism 1 to {@code path} itself, otherwise to {@code path/1}, {@code path/2}, … (one file per
 * subtask). Lines go to a hidden in-progress file that is renamed into place only when the input
 * ends, so a failed job leaves no partial output. An existing target is not overwritten: the job
 * fails at start, naming the path. (Exactly-once output across failures comes with checkpointing.)
 */
public final class TextOutputSink<T> extends RichSinkFunction<T> {
  private final String path;
  private transient FileSystem fs;
  private transient Path target;
  private transient Path inProgress;
  private transient BufferedWriter writer;
  private transient boolean committed;

  public TextOutputSink(String path) {
    this.path = path;
  }

  @Override
  public void open(OpenContext openContext) throws IOException {
    int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    Path base = new Path(path);
    fs = HadoopFileSystems.of(base);
    target = parallelism == 1 ? base : new Path(base, String.valueOf(index + 1));
    if (fs.exists(target)) {
      throw new IOException("Output path already exists: " + fs.makeQualified(target) + " (remove it first)");
    }
    inProgress = new Path(target.getParent(), "." + target.getName() + ".inprogress");
    writer = new BufferedWriter(new OutputStreamWriter(fs.create(inProgress, true), StandardCharsets.UTF_8));
  }

  @Override
  public void invoke(T value, Context context) throws IOException {
    writer.write(value.toString());
    writer.write('\n');
  }

  @Override
  public void finish() throws IOException {
    writer.close();
    if (!fs.rename(inProgress, target)) {
      throw new IOException("Could not rename " + inProgress + " to " + target);
    }
    committed = true;
  }

  @Override
  public void close() throws IOException {
    if (!committed && writer != null) {
      try {
        writer.close();
      } finally {
        fs.delete(inProgress, false);
      }
    }
  }
}
