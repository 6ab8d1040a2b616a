package io.nagare.runtime.operators.windowing;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.functions.ProcessWindowFunction;
import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.state.AggregatingState;
import io.nagare.api.state.AggregatingStateDescriptor;
import io.nagare.api.state.AppendingState;
import io.nagare.api.state.KeyedStateStore;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.MapState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReducingState;
import io.nagare.api.state.ReducingStateDescriptor;
import io.nagare.api.state.State;
import io.nagare.api.state.StateDescriptor;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.transformations.WindowSettings;
import io.nagare.api.tuple.Tuple2;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.windowing.assigners.MergingWindowAssigner;
import io.nagare.api.windowing.assigners.WindowAssigner;
import io.nagare.api.windowing.evictors.Evictor;
import io.nagare.api.windowing.evictors.TimestampedValue;
import io.nagare.api.windowing.triggers.EventTimeTrigger;
import io.nagare.api.windowing.triggers.ProcessingTimeTrigger;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.triggers.TriggerResult;
import io.nagare.api.windowing.windows.Window;
import io.nagare.runtime.operators.AbstractUdfOperator;
import io.nagare.runtime.operators.Output;
import io.nagare.runtime.operators.TimestampedCollector;
import io.nagare.runtime.timers.InternalTimerService;
import io.nagare.runtime.timers.TimerEntry;
import io.nagare.runtime.timers.Triggerable;
import io.nagare.serialization.SerializerFactory;
import io.nagare.state.InternalAppendingState;
import io.nagare.state.InternalKvState;
import io.nagare.state.InternalMergingState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A keyed window operator with Flink's semantics. Each element goes to the windows its assigner
 * gives (merging sessions through a {@link MergingWindowSet}); a window's contents live in keyed
 * state with the window as namespace — one reduction or one aggregate accumulator per key and
 * window, or the list of elements for {@code process} and evictors. The trigger decides on every
 * element and timer whether to fire (emit the window function's output, timestamped with the
 * window's max timestamp) and whether to purge. Every window gets a cleanup timer at its end plus
 * the allowed lateness (event time) or at its end (processing time) that removes its contents,
 * trigger state and timers, so state does not grow without bound. Elements too late for all of
 * their windows go to the late-data side output, or are dropped and counted in {@code
 * numLateRecordsDropped}. When windows merge, the windows that disappear have their trigger and
 * the window function's per-window state cleared (Flink refuses per-window state with merging
 * windows; here it simply starts afresh in the merged window).
 *
 * <p>Subtask thread only: elements, watermarks and timers all arrive on it.
 */
public final class WindowOperator<K, IN, OUT, W extends Window>
    extends AbstractUdfOperator<OUT, ProcessWindowFunction<Object, OUT, K, W>>
    implements Output<IN>, Triggerable<Object, W> {
  private static final String CONTENTS = "window-contents";

  private final WindowAssigner<IN, W> assigner;
  private final Trigger<IN, W> trigger;
  private final Evictor<IN, W> evictor;
  private final long allowedLateness;
  private final OutputTag<IN> lateDataTag;
  private final WindowSettings.Contents contentsKind;
  private final ReduceFunction<IN> reduceFunction;
  private final AggregateFunction<IN, Object, Object> aggregateFunction;
  private final TypeInformation<?> stateType;
  /** Whether the trigger is the assigner's stock event- or processing-time trigger (see addAndTrigger). */
  private final boolean defaultTimeTrigger;

  private TypeSerializer<W> windowSerializer;
  private InternalTimerService<Object, W> timers;
  private AppendingState<?, ?> contents;
  /** The merging windows of the current key (merging assigners only); loaded per element and timer. */
  private MergingWindowSet<W> mergingSet;
  private final MergingWindowSet.MergeFunction<W> mergeFunction = this::merge;
  private TimestampedCollector<OUT> collector;
  private final Context triggerContext = new Context();
  private WindowContext windowContext;
  private Counter lateDropped;
  private final WindowAssigner.WindowAssignerContext assignerContext = new WindowAssigner.WindowAssignerContext() {
    @Override
    public long getCurrentProcessingTime() {
      return context.processingTimeService().getCurrentProcessingTime();
    }
  };

  @SuppressWarnings("unchecked")
  public WindowOperator(ProcessWindowFunction<?, OUT, K, W> function, WindowSettings settings,
      TypeInformation<IN> inputType) {
    super((ProcessWindowFunction<Object, OUT, K, W>) function);
    this.assigner = (WindowAssigner<IN, W>) settings.assigner();
    this.trigger = (Trigger<IN, W>) settings.trigger();
    this.evictor = (Evictor<IN, W>) settings.evictor();
    this.allowedLateness = settings.allowedLateness();
    this.lateDataTag = (OutputTag<IN>) settings.lateDataTag();
    this.contentsKind = settings.contents();
    this.reduceFunction = (ReduceFunction<IN>) settings.reduceFunction();
    this.aggregateFunction = (AggregateFunction<IN, Object, Object>) settings.aggregateFunction();
    this.defaultTimeTrigger = trigger instanceof EventTimeTrigger || trigger instanceof ProcessingTimeTrigger;
    this.stateType = contentsKind == WindowSettings.Contents.LIST ? Types.TUPLE(Types.LONG, inputType)
        : settings.stateType();
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void open() throws Exception {
    super.open();
    windowSerializer = (TypeSerializer<W>) SerializerFactory.create(assigner.getWindowType());
    timers = timerService(this, windowSerializer);
    StateDescriptor<?, ?> descriptor;
    switch (contentsKind) {
      case REDUCE:
        descriptor = new ReducingStateDescriptor<>(CONTENTS, reduceFunction, (TypeInformation<IN>) stateType);
        break;
      case AGGREGATE:
        descriptor = new AggregatingStateDescriptor<>(CONTENTS, aggregateFunction, (TypeInformation<Object>) stateType);
        break;
      default:
        descriptor = new ListStateDescriptor<>(CONTENTS, (TypeInformation<Tuple2<Long, IN>>) stateType);
    }
    contents = (AppendingState<?, ?>) keyedStateBackend.getOrCreateKeyedState(windowSerializer,
        (StateDescriptor) descriptor);
    if (assigner instanceof MergingWindowAssigner) {
      MapState<W, W> mergingSetState = keyedStateBackend.getOrCreateKeyedState(new MapStateDescriptor<>(
          "merging-window-set", assigner.getWindowType(), assigner.getWindowType()));
      mergingSet = new MergingWindowSet<>((MergingWindowAssigner<?, W>) assigner, mergingSetState);
    }
    collector = new TimestampedCollector<>(this);
    windowContext = new WindowContext(userFunction);
    lateDropped = context.metricGroup().counter("numLateRecordsDropped");
  }

  @Override
  public void collect(IN record, long timestamp) {
    recordsIn++;
    setCurrentKeyOf(record);
    try {
      processElement(record, timestamp);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    try {
      processWatermark(watermark);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  private void processElement(IN value, long timestamp) throws Exception {
    Collection<W> windows = assigner.assignWindows(value, timestamp, assignerContext);
    boolean skipped = true;
    if (mergingSet != null) {
      mergingSet.load();
      for (W window : windows) {
        W actual = mergingSet.addWindow(window, mergeFunction);
        if (isWindowLate(actual)) {
          mergingSet.retireWindow(actual);
          continue;
        }
        skipped = false;
        addAndTrigger(value, timestamp, actual, mergingSet.getStateWindow(actual));
      }
      mergingSet.persist();
    } else {
      List<W> list = windows instanceof List<W> l ? l : new ArrayList<>(windows);
      for (int i = 0, n = list.size(); i < n; i++) {
        W window = list.get(i);
        if (isWindowLate(window)) {
          continue;
        }
        skipped = false;
        addAndTrigger(value, timestamp, window, window);
      }
    }
    if (skipped && isElementLate(timestamp)) {
      if (lateDataTag != null) {
        sideOutputs.emit(lateDataTag, value, timestamp);
      } else {
        lateDropped.inc();
      }
    }
  }

  private void merge(W mergeResult, List<W> mergedWindows, W stateWindow, List<W> mergedStateWindows)
      throws Exception {
    if (assigner.isEventTime() && cleanupTime(mergeResult) <= currentWatermark) {
      throw new IllegalStateException("Merging windows " + mergedWindows + " into " + mergeResult
          + " would create a window that is already past its cleanup time at watermark " + currentWatermark);
    }
    triggerContext.window = mergeResult;
    triggerContext.mergedWindows = mergedWindows;
    trigger.onMerge(mergeResult, triggerContext);
    for (W merged : mergedWindows) {
      triggerContext.window = merged;
      trigger.clear(merged, triggerContext);
      windowContext.window = merged;
      userFunction.clear(windowContext);
      deleteCleanupTimer(merged);
    }
    if (!mergedStateWindows.isEmpty()) {
      ((InternalMergingState<W>) contents).mergeNamespaces(stateWindow, mergedStateWindows);
    }
  }

  /**
   * Adds the element to the window's contents and asks the trigger. Fast path for windows that do
   * not merge: the cleanup timer is registered when the add creates the window's contents (it
   * stays until cleanup), and the default time triggers, whose only effect on a later element is
   * re-registering the same end-of-window timer, are not asked again except for a late element —
   * so a window's elements after its first cost no timer lookups.
   */
  @SuppressWarnings("unchecked")
  private void addAndTrigger(IN value, long timestamp, W window, W stateWindow) throws Exception {
    ((InternalKvState<W>) contents).setCurrentNamespace(stateWindow);
    InternalAppendingState<W, Object> appending = (InternalAppendingState<W, Object>) contents;
    boolean created = appending.addAndReportCreated(
        contentsKind == WindowSettings.Contents.LIST ? Tuple2.of(timestamp, value) : value);
    boolean merging = mergingSet != null;
    if (!created && !merging && defaultTimeTrigger) {
      if (assigner.isEventTime() && window.maxTimestamp() <= currentWatermark) {
        act(TriggerResult.FIRE, window);
      }
      return;
    }
    triggerContext.window = window;
    TriggerResult result = trigger.onElement(value, timestamp, window, triggerContext);
    act(result, window);
    if (created || merging) {
      registerCleanupTimer(window);
    }
  }

  private void act(TriggerResult result, W window) throws Exception {
    if (result.isFire()) {
      fire(window);
    }
    if (result.isPurge()) {
      contents.clear();
    }
  }

  @Override
  public void onEventTime(TimerEntry<Object, W> timer) throws Exception {
    onTimer(timer, true);
  }

  @Override
  public void onProcessingTime(TimerEntry<Object, W> timer) throws Exception {
    onTimer(timer, false);
  }

  @SuppressWarnings("unchecked")
  private void onTimer(TimerEntry<Object, W> timer, boolean eventTime) throws Exception {
    W window = timer.namespace();
    W stateWindow = window;
    if (mergingSet != null) {
      mergingSet.load();
      stateWindow = mergingSet.getStateWindow(window);
      if (stateWindow == null) {
        return;
      }
    }
    ((InternalKvState<W>) contents).setCurrentNamespace(stateWindow);
    triggerContext.window = window;
    TriggerResult result = eventTime ? trigger.onEventTime(timer.timestamp(), window, triggerContext)
        : trigger.onProcessingTime(timer.timestamp(), window, triggerContext);
    act(result, window);
    if (eventTime == assigner.isEventTime() && timer.timestamp() == cleanupTime(window)) {
      contents.clear();
      triggerContext.window = window;
      trigger.clear(window, triggerContext);
      windowContext.window = window;
      userFunction.clear(windowContext);
      if (mergingSet != null) {
        mergingSet.retireWindow(window);
      }
    }
    if (mergingSet != null) {
      mergingSet.persist();
    }
  }

  /** Runs the window function on the window's contents (contents namespace already set). */
  @SuppressWarnings("unchecked")
  private void fire(W window) throws Exception {
    Iterable<Object> input;
    switch (contentsKind) {
      case REDUCE:
      case AGGREGATE:
        Object value = contents.get();
        if (value == null) {
          return;
        }
        input = Collections.singletonList(value);
        break;
      default:
        input = evictAndProject(window);
        if (input == null) {
          return;
        }
    }
    windowContext.window = window;
    collector.setTimestamp(window.maxTimestamp());
    userFunction.process((K) keyedStateBackend.getCurrentKey(), windowContext, input, collector);
    if (evictor != null) {
      evictAfter(window);
    }
  }

  private List<TimestampedValue<IN>> evicting;

  /** The list contents after {@code evictBefore}, reduced or aggregated if the window does that; null if empty. */
  @SuppressWarnings("unchecked")
  private Iterable<Object> evictAndProject(W window) throws Exception {
    Iterable<Tuple2<Long, IN>> stored = ((ListState<Tuple2<Long, IN>>) contents).get();
    List<TimestampedValue<IN>> elements = new ArrayList<>();
    if (stored != null) {
      for (Tuple2<Long, IN> t : stored) {
        elements.add(new TimestampedValue<>(t.f1, t.f0));
      }
    }
    if (elements.isEmpty()) {
      return null;
    }
    if (evictor != null) {
      evictor.evictBefore(elements, elements.size(), window, triggerContext);
      evicting = elements;
    }
    if (elements.isEmpty()) {
      return null;
    }
    if (reduceFunction != null) {
      IN acc = null;
      for (TimestampedValue<IN> e : elements) {
        acc = acc == null ? e.getValue() : reduceFunction.reduce(acc, e.getValue());
      }
      return Collections.singletonList(acc);
    }
    if (aggregateFunction != null) {
      Object acc = aggregateFunction.createAccumulator();
      for (TimestampedValue<IN> e : elements) {
        acc = aggregateFunction.add(e.getValue(), acc);
      }
      return Collections.singletonList(aggregateFunction.getResult(acc));
    }
    List<Object> values = new ArrayList<>(elements.size());
    for (TimestampedValue<IN> e : elements) {
      values.add(e.getValue());
    }
    return values;
  }

  /** Applies {@code evictAfter} and writes back what the evictor kept. */
  @SuppressWarnings("unchecked")
  private void evictAfter(W window) throws Exception {
    List<TimestampedValue<IN>> elements = evicting;
    evicting = null;
    evictor.evictAfter(elements, elements.size(), window, triggerContext);
    ListState<Tuple2<Long, IN>> list = (ListState<Tuple2<Long, IN>>) contents;
    list.clear();
    for (TimestampedValue<IN> e : elements) {
      list.add(Tuple2.of(e.getTimestamp(), e.getValue()));
    }
  }

  private boolean isWindowLate(W window) {
    return assigner.isEventTime() && cleanupTime(window) <= currentWatermark;
  }

  private boolean isElementLate(long timestamp) {
    return assigner.isEventTime() && timestamp != Long.MIN_VALUE && timestamp + allowedLateness <= currentWatermark;
  }

  private long cleanupTime(W window) {
    if (!assigner.isEventTime()) {
      return window.maxTimestamp();
    }
    long cleanup = window.maxTimestamp() + allowedLateness;
    return cleanup >= window.maxTimestamp() ? cleanup : Long.MAX_VALUE;
  }

  private void registerCleanupTimer(W window) {
    long cleanup = cleanupTime(window);
    if (cleanup == Long.MAX_VALUE) {
      return;
    }
    if (assigner.isEventTime()) {
      timers.registerEventTimeTimer(window, cleanup);
    } else {
      timers.registerProcessingTimeTimer(window, cleanup);
    }
  }

  private void deleteCleanupTimer(W window) {
    long cleanup = cleanupTime(window);
    if (cleanup == Long.MAX_VALUE) {
      return;
    }
    if (assigner.isEventTime()) {
      timers.deleteEventTimeTimer(window, cleanup);
    } else {
      timers.deleteProcessingTimeTimer(window, cleanup);
    }
  }

  /** Keyed state of the current key in the namespace of {@code window}. */
  @SuppressWarnings("unchecked")
  private <S extends State> S windowScoped(StateDescriptor<S, ?> descriptor, W window) {
    S state = keyedStateBackend.getOrCreateKeyedState(windowSerializer, descriptor);
    ((InternalKvState<W>) state).setCurrentNamespace(window);
    return state;
  }

  /** The trigger's and evictor's view of the current key and window. */
  private final class Context implements Trigger.OnMergeContext, Evictor.EvictorContext {
    private W window;
    private List<W> mergedWindows;

    @Override
    public long getCurrentProcessingTime() {
      return context.processingTimeService().getCurrentProcessingTime();
    }

    @Override
    public long getCurrentWatermark() {
      return currentWatermark;
    }

    @Override
    public MetricGroup getMetricGroup() {
      return context.metricGroup();
    }

    @Override
    public boolean isEventTimeWindow() {
      return assigner.isEventTime();
    }

    @Override
    public void registerProcessingTimeTimer(long time) {
      timers.registerProcessingTimeTimer(window, time);
    }

    @Override
    public void registerEventTimeTimer(long time) {
      timers.registerEventTimeTimer(window, time);
    }

    @Override
    public void deleteProcessingTimeTimer(long time) {
      timers.deleteProcessingTimeTimer(window, time);
    }

    @Override
    public void deleteEventTimeTimer(long time) {
      timers.deleteEventTimeTimer(window, time);
    }

    @Override
    public <S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor) {
      return windowScoped(descriptor, window);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends State> void mergePartitionedState(StateDescriptor<S, ?> descriptor) {
      S state = windowScoped(descriptor, window);
      if (!(state instanceof InternalMergingState)) {
        throw new IllegalArgumentException("Only list, reducing and aggregating state can be merged, not "
            + descriptor);
      }
      try {
        ((InternalMergingState<W>) state).mergeNamespaces(window, mergedWindows);
      } catch (Exception e) {
        throw new IllegalStateException("Could not merge " + descriptor + " of windows " + mergedWindows, e);
      }
    }
  }

  /** What the window function sees. */
  private final class WindowContext extends ProcessWindowFunction<Object, OUT, K, W>.Context {
    private W window;
    private final KeyedStateStore perWindow = new StateStore(true);
    private final KeyedStateStore global = new StateStore(false);

    WindowContext(ProcessWindowFunction<Object, OUT, K, W> function) {
      function.super();
    }

    @Override
    public W window() {
      return window;
    }

    @Override
    public long currentProcessingTime() {
      return context.processingTimeService().getCurrentProcessingTime();
    }

    @Override
    public long currentWatermark() {
      return currentWatermark;
    }

    @Override
    public KeyedStateStore windowState() {
      return perWindow;
    }

    @Override
    public KeyedStateStore globalState() {
      return global;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      if (value == null) {
        throw nullRecord();
      }
      sideOutputs.emit(outputTag, value, window.maxTimestamp());
    }

    /** Keyed state of the current key: in the firing window's namespace, or across windows. */
    private final class StateStore implements KeyedStateStore {
      private final boolean perWindowScope;

      StateStore(boolean perWindowScope) {
        this.perWindowScope = perWindowScope;
      }

      private <S extends State> S get(StateDescriptor<S, ?> descriptor) {
        return perWindowScope ? windowScoped(descriptor, window) : keyedStateBackend.getOrCreateKeyedState(descriptor);
      }

      @Override
      public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return get(descriptor);
      }

      @Override
      public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return get(descriptor);
      }

      @Override
      public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor) {
        return get(descriptor);
      }

      @Override
      public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
        return get(descriptor);
      }

      @Override
      public <I, A, O> AggregatingState<I, O> getAggregatingState(AggregatingStateDescriptor<I, A, O> descriptor) {
        return get(descriptor);
      }
    }
  }
}
