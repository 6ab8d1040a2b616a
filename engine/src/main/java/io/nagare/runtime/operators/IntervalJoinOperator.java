package io.nagare.runtime.operators;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.ProcessJoinFunction;
import io.nagare.api.metrics.Counter;
import io.nagare.api.state.MapState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.transformations.IntervalJoinSettings;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.runtime.streamrecord.Timestamps;
import io.nagare.runtime.timers.InternalTimerService;
import io.nagare.runtime.timers.TimerEntry;
import io.nagare.runtime.timers.Triggerable;
import io.nagare.serialization.SerializerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event-time interval join of two keyed streams. Each side's elements are buffered in keyed map
 * state by timestamp; a new element is joined with the other side's buffered elements whose
 * timestamps fall in the interval, and the pair carries the larger timestamp. An element is
 * dropped from its buffer by an event-time timer once the watermark shows no future element of the
 * other side can match it, so state stays bounded. Elements behind the watermark are late: they
 * are dropped and counted ({@code numLateRecordsDropped}), as in Flink.
 *
 * <p>Subtask thread only.
 */
public final class IntervalJoinOperator<K, IN1, IN2, OUT>
    extends AbstractUdfOperator<OUT, ProcessJoinFunction<IN1, IN2, OUT>>
    implements TwoInputOperator<IN1, IN2>, Triggerable<Object, String> {
  private static final String LEFT = "left";
  private static final String RIGHT = "right";

  private final long lowerBound;
  private final long upperBound;
  private final TypeInformation<IN1> leftType;
  private final TypeInformation<IN2> rightType;
  private MapState<Long, List<IN1>> leftBuffer;
  private MapState<Long, List<IN2>> rightBuffer;
  private InternalTimerService<Object, String> timers;
  private TimestampedCollector<OUT> collector;
  private ContextImpl ctx;
  private Counter lateDropped;

  public IntervalJoinOperator(ProcessJoinFunction<IN1, IN2, OUT> function, IntervalJoinSettings settings,
      TypeInformation<IN1> leftType, TypeInformation<IN2> rightType) {
    super(function);
    this.lowerBound = settings.lowerBound();
    this.upperBound = settings.upperBound();
    this.leftType = leftType;
    this.rightType = rightType;
  }

  @Override
  public void open() throws Exception {
    super.open();
    leftBuffer = keyedStateBackend.getOrCreateKeyedState(
        new MapStateDescriptor<>("interval-join-left", Types.LONG, Types.LIST(leftType)));
    rightBuffer = keyedStateBackend.getOrCreateKeyedState(
        new MapStateDescriptor<>("interval-join-right", Types.LONG, Types.LIST(rightType)));
    timers = timerService(this, SerializerFactory.create(Types.STRING));
    collector = new TimestampedCollector<>(this);
    ctx = new ContextImpl(userFunction);
    lateDropped = context.metricGroup().counter("numLateRecordsDropped");
  }

  @Override
  public void processElement1(IN1 record, long timestamp) {
    recordsIn++;
    setCurrentKeyOf(record);
    if (isLate(timestamp)) {
      return;
    }
    try {
      add(leftBuffer, timestamp, record);
      for (Map.Entry<Long, List<IN2>> bucket : rightBuffer.entries()) {
        long rightTs = bucket.getKey();
        if (rightTs >= timestamp + lowerBound && rightTs <= timestamp + upperBound) {
          for (IN2 right : bucket.getValue()) {
            join(record, timestamp, right, rightTs);
          }
        }
      }
    } catch (Exception e) {
      throw failure(e);
    }
    timers.registerEventTimeTimer(LEFT, upperBound > 0 ? timestamp + upperBound : timestamp);
  }

  @Override
  public void processElement2(IN2 record, long timestamp) {
    recordsIn++;
    setCurrentKeyOfSecond(record);
    if (isLate(timestamp)) {
      return;
    }
    try {
      add(rightBuffer, timestamp, record);
      for (Map.Entry<Long, List<IN1>> bucket : leftBuffer.entries()) {
        long leftTs = bucket.getKey();
        if (timestamp >= leftTs + lowerBound && timestamp <= leftTs + upperBound) {
          for (IN1 left : bucket.getValue()) {
            join(left, leftTs, record, timestamp);
          }
        }
      }
    } catch (Exception e) {
      throw failure(e);
    }
    timers.registerEventTimeTimer(RIGHT, lowerBound < 0 ? timestamp - lowerBound : timestamp);
  }

  private boolean isLate(long timestamp) {
    if (timestamp == Timestamps.NO_TIMESTAMP) {
      throw failure("received an element without a timestamp", new IllegalStateException(
          "An interval join works on event time: assign timestamps (and watermarks) to both inputs"));
    }
    if (currentWatermark != Long.MIN_VALUE && timestamp < currentWatermark) {
      lateDropped.inc();
      return true;
    }
    return false;
  }

  private static <T> void add(MapState<Long, List<T>> buffer, long timestamp, T record) throws Exception {
    List<T> bucket = buffer.get(timestamp);
    List<T> updated = bucket == null ? new ArrayList<>(1) : new ArrayList<>(bucket);
    updated.add(record);
    buffer.put(timestamp, updated);
  }

  private void join(IN1 left, long leftTs, IN2 right, long rightTs) throws Exception {
    long ts = Math.max(leftTs, rightTs);
    ctx.set(leftTs, rightTs, ts);
    collector.setTimestamp(ts);
    userFunction.processElement(left, right, ctx, collector);
  }

  @Override
  public void onEventTime(TimerEntry<Object, String> timer) throws Exception {
    if (LEFT.equals(timer.namespace())) {
      leftBuffer.remove(upperBound > 0 ? timer.timestamp() - upperBound : timer.timestamp());
    } else {
      rightBuffer.remove(lowerBound < 0 ? timer.timestamp() + lowerBound : timer.timestamp());
    }
  }

  @Override
  public void onProcessingTime(TimerEntry<Object, String> timer) {
    throw new IllegalStateException("An interval join registers no processing-time timers");
  }

  private final class ContextImpl extends ProcessJoinFunction<IN1, IN2, OUT>.Context {
    private long leftTs;
    private long rightTs;
    private long ts;

    ContextImpl(ProcessJoinFunction<IN1, IN2, OUT> function) {
      function.super();
    }

    void set(long leftTs, long rightTs, long ts) {
      this.leftTs = leftTs;
      this.rightTs = rightTs;
      this.ts = ts;
    }

    @Override
    public long getLeftTimestamp() {
      return leftTs;
    }

    @Override
    public long getRightTimestamp() {
      return rightTs;
    }

    @Override
    public long getTimestamp() {
      return ts;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      if (value == null) {
        throw nullRecord();
      }
      sideOutputs.emit(outputTag, value, ts);
    }
  }
}
