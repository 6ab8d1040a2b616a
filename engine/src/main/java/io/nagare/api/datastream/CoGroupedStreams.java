package io.nagare.api.datastream;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.CoGroupFunction;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.functions.ProcessWindowFunction;
import io.nagare.api.typeinfo.PojoField;
import io.nagare.api.typeinfo.RecordTypeInfo;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.assigners.WindowAssigner;
import io.nagare.api.windowing.evictors.Evictor;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.windows.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A window co-group of two streams, built as in Flink:
 *
 * <pre>{@code
 * orders.coGroup(shipments).where(o -> o.id).equalTo(s -> s.orderId)
 *     .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
 *     .apply((os, ss, out) -> ...);
 * }</pre>
 *
 * Both inputs are tagged, unioned and keyed; a window then holds the elements of both sides for
 * one key, and the function sees them side by side when the window fires.
 */
public class CoGroupedStreams<T1, T2> {
  private final DataStream<T1> input1;
  private final DataStream<T2> input2;

  public CoGroupedStreams(DataStream<T1> input1, DataStream<T2> input2) {
    this.input1 = input1;
    this.input2 = input2;
  }

  public <K> Where<K> where(KeySelector<T1, K> key1) {
    return where(key1, TypeExtractor.getParameterType(key1, KeySelector.class, 1, true));
  }

  public <K> Where<K> where(KeySelector<T1, K> key1, TypeInformation<K> keyType) {
    return new Where<>(key1, keyType);
  }

  /** An element of either input, travelling through the shared window: exactly one side is set. */
  public record TaggedUnion<T1, T2>(T1 one, T2 two) {
    public boolean isOne() {
      return one != null;
    }
  }

  /** After {@code where}. */
  public final class Where<K> {
    private final KeySelector<T1, K> key1;
    private final TypeInformation<K> keyType;

    Where(KeySelector<T1, K> key1, TypeInformation<K> keyType) {
      this.key1 = key1;
      this.keyType = keyType;
    }

    public EqualTo equalTo(KeySelector<T2, K> key2) {
      return new EqualTo(key2);
    }

    /** After {@code equalTo}. */
    public final class EqualTo {
      private final KeySelector<T2, K> key2;

      EqualTo(KeySelector<T2, K> key2) {
        this.key2 = key2;
      }

      public <W extends Window> WithWindow<T1, T2, K, W> window(
          WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner) {
        return new WithWindow<>(input1, input2, key1, key2, keyType, assigner);
      }
    }
  }

  /** A co-group with its windows: configure them, then {@code apply}. */
  public static class WithWindow<T1, T2, K, W extends Window> {
    private final DataStream<T1> input1;
    private final DataStream<T2> input2;
    private final KeySelector<T1, K> key1;
    private final KeySelector<T2, K> key2;
    private final TypeInformation<K> keyType;
    private final WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner;
    private Trigger<? super TaggedUnion<T1, T2>, ? super W> trigger;
    private Evictor<? super TaggedUnion<T1, T2>, ? super W> evictor;
    private Duration allowedLateness;

    WithWindow(DataStream<T1> input1, DataStream<T2> input2, KeySelector<T1, K> key1, KeySelector<T2, K> key2,
        TypeInformation<K> keyType, WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner) {
      this.input1 = input1;
      this.input2 = input2;
      this.key1 = key1;
      this.key2 = key2;
      this.keyType = keyType;
      this.assigner = assigner;
    }

    public WithWindow<T1, T2, K, W> trigger(Trigger<? super TaggedUnion<T1, T2>, ? super W> trigger) {
      this.trigger = trigger;
      return this;
    }

    public WithWindow<T1, T2, K, W> evictor(Evictor<? super TaggedUnion<T1, T2>, ? super W> evictor) {
      this.evictor = evictor;
      return this;
    }

    public WithWindow<T1, T2, K, W> allowedLateness(Duration lateness) {
      this.allowedLateness = lateness;
      return this;
    }

    public <R> SingleOutputStreamOperator<R> apply(CoGroupFunction<T1, T2, R> function) {
      return apply(function, TypeExtractor.getParameterType(function, CoGroupFunction.class, 2, false));
    }

    public <R> SingleOutputStreamOperator<R> apply(CoGroupFunction<T1, T2, R> function, TypeInformation<R> outputType) {
      return build(new CoGroupWindowFunction<>(function), outputType, "Co-Group");
    }

    <R> SingleOutputStreamOperator<R> build(ProcessWindowFunction<TaggedUnion<T1, T2>, R, K, W> windowFunction,
        TypeInformation<R> outputType, String name) {
      StreamExecutionEnvironment env = input1.getExecutionEnvironment();
      TypeInformation<TaggedUnion<T1, T2>> unionType = unionType(input1.getType(), input2.getType());
      DataStream<TaggedUnion<T1, T2>> tagged1 = input1.map(new TagOne<T1, T2>(), unionType);
      DataStream<TaggedUnion<T1, T2>> tagged2 = input2.map(new TagTwo<T1, T2>(), unionType);
      KeyedStream<TaggedUnion<T1, T2>, K> keyed = tagged1.union(tagged2).keyBy(new UnionKey<>(key1, key2), keyType);
      WindowedStream<TaggedUnion<T1, T2>, K, W> windowed = keyed.window(assigner);
      if (trigger != null) {
        windowed.trigger(trigger);
      }
      if (evictor != null) {
        windowed.evictor(evictor);
      }
      if (allowedLateness != null) {
        windowed.allowedLateness(allowedLateness);
      }
      return windowed.forceParallelism(-1, name).process(windowFunction, outputType);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T1, T2> TypeInformation<TaggedUnion<T1, T2>> unionType(TypeInformation<T1> one, TypeInformation<T2> two) {
    return new RecordTypeInfo(TaggedUnion.class, List.of(new PojoField("one", one), new PojoField("two", two)));
  }

  private static final class TagOne<T1, T2> implements io.nagare.api.functions.MapFunction<T1, TaggedUnion<T1, T2>> {
    private static final long serialVersionUID = 1L;

    @Override
    public TaggedUnion<T1, T2> map(T1 value) {
      return new TaggedUnion<>(value, null);
    }
  }

  private static final class TagTwo<T1, T2> implements io.nagare.api.functions.MapFunction<T2, TaggedUnion<T1, T2>> {
    private static final long serialVersionUID = 1L;

    @Override
    public TaggedUnion<T1, T2> map(T2 value) {
      return new TaggedUnion<>(null, value);
    }
  }

  /** Keys a tagged element by its own side's key selector. */
  private static final class UnionKey<T1, T2, K> implements KeySelector<TaggedUnion<T1, T2>, K> {
    private static final long serialVersionUID = 1L;

    private final KeySelector<T1, K> key1;
    private final KeySelector<T2, K> key2;

    UnionKey(KeySelector<T1, K> key1, KeySelector<T2, K> key2) {
      this.key1 = key1;
      this.key2 = key2;
    }

    @Override
    public K getKey(TaggedUnion<T1, T2> value) throws Exception {
      return value.isOne() ? key1.getKey(value.one()) : key2.getKey(value.two());
    }
  }

  /** Splits a window's tagged elements by side and hands them to the co-group function. */
  static final class CoGroupWindowFunction<T1, T2, R, K, W extends Window>
      extends ProcessWindowFunction<TaggedUnion<T1, T2>, R, K, W> {
    private static final long serialVersionUID = 1L;

    private final CoGroupFunction<T1, T2, R> function;

    CoGroupWindowFunction(CoGroupFunction<T1, T2, R> function) {
      this.function = function;
    }

    @Override
    public void process(K key, Context context, Iterable<TaggedUnion<T1, T2>> elements, Collector<R> out)
        throws Exception {
      List<T1> first = new ArrayList<>();
      List<T2> second = new ArrayList<>();
      for (TaggedUnion<T1, T2> e : elements) {
        if (e.isOne()) {
          first.add(e.one());
        } else {
          second.add(e.two());
        }
      }
      function.coGroup(first, second, out);
    }
  }
}
