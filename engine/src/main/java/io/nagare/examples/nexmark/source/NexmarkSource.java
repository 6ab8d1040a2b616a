package io.nagare.examples.nexmark.source;

import io.nagare.api.datastream.DataStream;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.eventtime.WatermarkStrategy;
import io.nagare.api.source.Boundedness;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.examples.nexmark.model.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The Nexmark event stream of ../shared/NEXMARK.md as an ordinary split-based source: events
 * {@code 0..count-1} of the generator with {@code seed}, bounded. With source parallelism {@code
 * p}, split {@code k} holds the events {@code n ≡ k (mod p)} and goes to subtask {@code k}, which
 * emits them in increasing {@code n}, so its timestamps never decrease. A split's position is its
 * next event number, so a checkpoint holds where each reader is and a restored job continues at
 * exactly the next event. At another parallelism {@code q} after a restore, subtask {@code j} reads
 * the splits {@code k ≡ j (mod q)}.
 *
 * <pre>{@code
 * DataStream<Event> events = NexmarkSource.stream(env, 2_000_000, 0);
 * }</pre>
 */
public final class NexmarkSource implements Source<Event, NexmarkSplit, Collection<NexmarkSplit>> {
  /** The type of the source's records. */
  public static final TypeInformation<Event> EVENT_TYPE = Types.POJO(Event.class);

  private final long count;
  private final long seed;

  /** The first {@code count} events of the stream with {@code seed}. */
  public NexmarkSource(long count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("count " + count + " < 0");
    }
    this.count = count;
    this.seed = seed;
  }

  /** Event time is {@code dateTime}; watermarks for timestamps that never decrease, at the default interval. */
  public static WatermarkStrategy<Event> watermarks() {
    return WatermarkStrategy.<Event>forMonotonousTimestamps().withTimestampAssigner((e, ts) -> e.dateTime());
  }

  /** The source added to {@code env} with {@link #watermarks()}, at the environment's parallelism. */
  public static DataStream<Event> stream(StreamExecutionEnvironment env, long count, long seed) {
    return env.fromSource(new NexmarkSource(count, seed), watermarks(), "Nexmark", EVENT_TYPE);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<NexmarkSplit, Collection<NexmarkSplit>> createEnumerator(
      SplitEnumeratorContext<NexmarkSplit> context) {
    int parallelism = context.currentParallelism();
    List<NexmarkSplit> splits = new ArrayList<>(parallelism);
    for (int k = 0; k < parallelism; k++) {
      splits.add(new NexmarkSplit(k, parallelism, k, count, seed));
    }
    return new NexmarkSplitEnumerator(context, splits);
  }

  @Override
  public SplitEnumerator<NexmarkSplit, Collection<NexmarkSplit>> restoreEnumerator(
      SplitEnumeratorContext<NexmarkSplit> context, Collection<NexmarkSplit> checkpoint) {
    return new NexmarkSplitEnumerator(context, checkpoint);
  }

  @Override
  public SourceReader<Event, NexmarkSplit> createReader(SourceReaderContext context) {
    return new NexmarkSourceReader(context);
  }

  @Override
  public SimpleVersionedSerializer<NexmarkSplit> getSplitSerializer() {
    return new NexmarkSplitSerializer.Single();
  }

  @Override
  public SimpleVersionedSerializer<Collection<NexmarkSplit>> getEnumeratorCheckpointSerializer() {
    return new NexmarkSplitSerializer.Pending();
  }
}
