package io.nagare.examples.nexmark;

import io.nagare.api.common.LongCounter;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.RichSinkFunction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sinks of a Nexmark run: one only counts rows, the other also writes them. Both count into the
 * job accumulator {@link #ROWS}. A sink instance is used by its subtask's thread only.
 */
public final class RowSinks {
  /** The accumulator holding the number of output rows. */
  public static final String ROWS = "rows";

  private RowSinks() {}

  /** Counts its input and drops it. */
  public static final class Counting<T> extends RichSinkFunction<T> {
    private transient LongCounter rows;

    @Override
    public void open(OpenContext context) {
      rows = new LongCounter();
      getRuntimeContext().addAccumulator(ROWS, rows);
    }

    @Override
    public void invoke(T value, Context context) {
      rows.add(1L);
    }
  }

  /** Writes each record's row, one a line, to {@code prefix + ".part-" + subtask}, and counts it. */
  public static final class Lines<T> extends RichSinkFunction<T> {
    private final String prefix;
    private final NexmarkQueries.RowFormat<T> format;
    private transient LongCounter rows;
    private transient BufferedWriter out;

    /** Writes to the files {@code prefix.part-N}, with {@code format} for each record. */
    public Lines(String prefix, NexmarkQueries.RowFormat<T> format) {
      this.prefix = prefix;
      this.format = format;
    }

    /** The part file of {@code subtask} for the file prefix {@code prefix}. */
    public static Path part(String prefix, int subtask) {
      return Path.of(prefix + ".part-" + subtask);
    }

    @Override
    public void open(OpenContext context) throws IOException {
      rows = new LongCounter();
      getRuntimeContext().addAccumulator(ROWS, rows);
      out = Files.newBufferedWriter(part(prefix, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()),
          StandardCharsets.UTF_8);
    }

    @Override
    public void invoke(T value, Context context) throws IOException {
      out.write(format.row(value));
      out.write('\n');
      rows.add(1L);
    }

    @Override
    public void close() throws IOException {
      if (out != null) {
        out.close();
      }
    }
  }
}
