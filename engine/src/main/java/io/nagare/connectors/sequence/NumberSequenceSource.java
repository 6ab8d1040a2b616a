package io.nagare.connectors.sequence;

import io.nagare.api.source.Boundedness;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceOutput;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.connectors.base.PullingSourceReader;
import io.nagare.connectors.base.QueueSplitEnumerator;
import io.nagare.connectors.base.SplitCursor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The numbers {@code from..to} (both included), cut into one split per subtask. Bounded; a split
 * remembers the next number to emit, so a restored job continues where its checkpoint was taken.
 */
public final class NumberSequenceSource implements Source<Long, NumberSequenceSplit, Collection<NumberSequenceSplit>> {
  private final long from;
  private final long to;

  public NumberSequenceSource(long from, long to) {
    if (from > to) {
      throw new IllegalArgumentException("from " + from + " > to " + to);
    }
    this.from = from;
    this.to = to;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  /** {@code parallelism} splits of near-equal size (fewer if there are fewer numbers). */
  List<NumberSequenceSplit> split(int parallelism) {
    List<NumberSequenceSplit> splits = new ArrayList<>();
    long total = to - from + 1;
    int n = (int) Math.max(1, Math.min(parallelism, total > 0 ? total : Long.MAX_VALUE));
    long start = from;
    for (int i = 0; i < n; i++) {
      long size = total / n + (i < total % n ? 1 : 0);
      long end = start + size - 1;
      splits.add(new NumberSequenceSplit(String.valueOf(i), start, end));
      start = end + 1;
    }
    return splits;
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> context) {
    return new QueueSplitEnumerator<>(context, split(context.currentParallelism()));
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> context, Collection<NumberSequenceSplit> checkpoint) {
    return new QueueSplitEnumerator<>(context, checkpoint);
  }

  @Override
  public SourceReader<Long, NumberSequenceSplit> createReader(SourceReaderContext context) {
    return new PullingSourceReader<>(context) {
      @Override
      protected SplitCursor<Long, NumberSequenceSplit> open(NumberSequenceSplit split) {
        return new Cursor(split);
      }
    };
  }

  private static final class Cursor implements SplitCursor<Long, NumberSequenceSplit> {
    private final String id;
    private final long last;
    private long next;

    Cursor(NumberSequenceSplit split) {
      this.id = split.splitId();
      this.next = split.from();
      this.last = split.to();
    }

    @Override
    public boolean emit(SourceOutput<Long> output, int max) {
      long stop = last - next < max ? last : next + max - 1;
      long n = next;
      while (n <= stop) {
        output.collect(n);
        n++;
      }
      next = n;
      return stop != last;
    }

    @Override
    public NumberSequenceSplit snapshot() {
      return new NumberSequenceSplit(id, next, last);
    }
  }

  @Override
  public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
    return new SplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Collection<NumberSequenceSplit>> getEnumeratorCheckpointSerializer() {
    return new CheckpointSerializer();
  }

  static final class SplitSerializer implements SimpleVersionedSerializer<NumberSequenceSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(NumberSequenceSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      write(split, new DataOutputStream(bytes));
      return bytes.toByteArray();
    }

    @Override
    public NumberSequenceSplit deserialize(int version, byte[] serialized) throws IOException {
      return read(new DataInputStream(new ByteArrayInputStream(serialized)));
    }

    static void write(NumberSequenceSplit split, DataOutputStream out) throws IOException {
      out.writeUTF(split.splitId());
      out.writeLong(split.from());
      out.writeLong(split.to());
    }

    static NumberSequenceSplit read(DataInputStream in) throws IOException {
      return new NumberSequenceSplit(in.readUTF(), in.readLong(), in.readLong());
    }
  }

  static final class CheckpointSerializer implements SimpleVersionedSerializer<Collection<NumberSequenceSplit>> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Collection<NumberSequenceSplit> splits) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(splits.size());
      for (NumberSequenceSplit s : splits) {
        SplitSerializer.write(s, out);
      }
      return bytes.toByteArray();
    }

    @Override
    public Collection<NumberSequenceSplit> deserialize(int version, byte[] serialized) throws IOException {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
      int n = in.readInt();
      List<NumberSequenceSplit> splits = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        splits.add(SplitSerializer.read(in));
      }
      return splits;
    }
  }
}
