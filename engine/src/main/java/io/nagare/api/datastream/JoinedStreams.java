package io.nagare.api.datastream;

import io.nagare.api.datastream.CoGroupedStreams.TaggedUnion;
import io.nagare.api.functions.CoGroupFunction;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.FlatJoinFunction;
import io.nagare.api.functions.JoinFunction;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.assigners.WindowAssigner;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.windows.Window;
import java.time.Duration;

/**
 * A window (inner) join of two streams: every pair of elements with the same key in the same
 * window, as in Flink:
 *
 * <pre>{@code
 * clicks.join(views).where(c -> c.user).equalTo(v -> v.user)
 *     .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
 *     .apply((c, v) -> c.user + ":" + v.page);
 * }</pre>
 *
 * Built on {@link CoGroupedStreams}: the window keeps both sides' elements and the join function
 * runs on their cross product when it fires.
 */
public class JoinedStreams<T1, T2> {
  private final CoGroupedStreams<T1, T2> coGroup;

  public JoinedStreams(DataStream<T1> input1, DataStream<T2> input2) {
    this.coGroup = new CoGroupedStreams<>(input1, input2);
  }

  public <K> Where<K> where(KeySelector<T1, K> key1) {
    return new Where<>(coGroup.where(key1));
  }

  public <K> Where<K> where(KeySelector<T1, K> key1, TypeInformation<K> keyType) {
    return new Where<>(coGroup.where(key1, keyType));
  }

  /** After {@code where}. */
  public final class Where<K> {
    private final CoGroupedStreams<T1, T2>.Where<K> where;

    Where(CoGroupedStreams<T1, T2>.Where<K> where) {
      this.where = where;
    }

    public EqualTo equalTo(KeySelector<T2, K> key2) {
      return new EqualTo(where.equalTo(key2));
    }

    /** After {@code equalTo}. */
    public final class EqualTo {
      private final CoGroupedStreams<T1, T2>.Where<K>.EqualTo equalTo;

      EqualTo(CoGroupedStreams<T1, T2>.Where<K>.EqualTo equalTo) {
        this.equalTo = equalTo;
      }

      public <W extends Window> WithWindow<T1, T2, K, W> window(
          WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner) {
        return new WithWindow<>(equalTo.window(assigner));
      }
    }
  }

  /** A join with its windows: configure them, then {@code apply}. */
  public static final class WithWindow<T1, T2, K, W extends Window> {
    private final CoGroupedStreams.WithWindow<T1, T2, K, W> windowed;

    WithWindow(CoGroupedStreams.WithWindow<T1, T2, K, W> windowed) {
      this.windowed = windowed;
    }

    public WithWindow<T1, T2, K, W> trigger(Trigger<? super TaggedUnion<T1, T2>, ? super W> trigger) {
      windowed.trigger(trigger);
      return this;
    }

    public WithWindow<T1, T2, K, W> allowedLateness(Duration lateness) {
      windowed.allowedLateness(lateness);
      return this;
    }

    public <R> SingleOutputStreamOperator<R> apply(JoinFunction<T1, T2, R> function) {
      return apply(function, TypeExtractor.getParameterType(function, JoinFunction.class, 2, false));
    }

    public <R> SingleOutputStreamOperator<R> apply(JoinFunction<T1, T2, R> function, TypeInformation<R> outputType) {
      return windowed.build(new CoGroupedStreams.CoGroupWindowFunction<>(new Pairs<>(function)), outputType, "Join");
    }

    public <R> SingleOutputStreamOperator<R> apply(FlatJoinFunction<T1, T2, R> function, TypeInformation<R> outputType) {
      return windowed.build(new CoGroupedStreams.CoGroupWindowFunction<>(new FlatPairs<>(function)), outputType,
          "Join");
    }
  }

  /** Every pair of the two sides, through a {@link JoinFunction}. */
  private static final class Pairs<T1, T2, R> implements CoGroupFunction<T1, T2, R> {
    private static final long serialVersionUID = 1L;

    private final JoinFunction<T1, T2, R> join;

    Pairs(JoinFunction<T1, T2, R> join) {
      this.join = join;
    }

    @Override
    public void coGroup(Iterable<T1> first, Iterable<T2> second, Collector<R> out) throws Exception {
      for (T1 a : first) {
        for (T2 b : second) {
          out.collect(join.join(a, b));
        }
      }
    }
  }

  /** Every pair of the two sides, through a {@link FlatJoinFunction}. */
  private static final class FlatPairs<T1, T2, R> implements CoGroupFunction<T1, T2, R> {
    private static final long serialVersionUID = 1L;

    private final FlatJoinFunction<T1, T2, R> join;

    FlatPairs(FlatJoinFunction<T1, T2, R> join) {
      this.join = join;
    }

    @Override
    public void coGroup(Iterable<T1> first, Iterable<T2> second, Collector<R> out) throws Exception {
      for (T1 a : first) {
        for (T2 b : second) {
          join.join(a, b, out);
        }
      }
    }
  }
}
