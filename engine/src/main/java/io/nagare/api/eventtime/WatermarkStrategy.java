package io.nagare.api.eventtime;

import java.time.Duration;

/**
 * How a stream gets event timestamps and watermarks: a {@link TimestampAssigner} and a {@link
 * WatermarkGenerator}, created in each subtask. Pass one to {@code env.fromSource(...)} (watermarks
 * per source split) or to {@code stream.assignTimestampsAndWatermarks(...)}.
 *
 * <pre>{@code
 * WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(5))
 *     .withTimestampAssigner((event, ts) -> event.time)
 *     .withIdleness(Duration.ofMinutes(1));
 * }</pre>
 */
public interface WatermarkStrategy<T> extends WatermarkGeneratorSupplier<T>, TimestampAssignerSupplier<T> {

  /** By default elements keep the timestamp their source gave them. */
  @Override
  default TimestampAssigner<T> createTimestampAssigner() {
    return new RecordTimestampAssigner<>();
  }

  /**
   * True only for {@link #noWatermarks()} itself: elements pass through with their source
   * timestamps and no watermarks are generated, so the runtime skips all watermark work.
   */
  default boolean isPassThrough() {
    return false;
  }

  /** This strategy with timestamps taken from the elements by {@code assigner}. */
  default WatermarkStrategy<T> withTimestampAssigner(SerializableTimestampAssigner<T> assigner) {
    return withTimestampAssigner(TimestampAssignerSupplier.of(assigner));
  }

  /** This strategy with timestamps taken from the elements by the assigner {@code supplier} creates. */
  default WatermarkStrategy<T> withTimestampAssigner(TimestampAssignerSupplier<T> supplier) {
    WatermarkStrategy<T> base = this;
    return new WatermarkStrategy<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public WatermarkGenerator<T> createWatermarkGenerator(Context context) {
        return base.createWatermarkGenerator(context);
      }

      @Override
      public TimestampAssigner<T> createTimestampAssigner() {
        return supplier.createTimestampAssigner();
      }
    };
  }

  /**
   * This strategy, marking a stream (or source split) idle once no element arrived for {@code
   * idleTimeout} of processing time; idle inputs do not hold back downstream watermarks.
   */
  default WatermarkStrategy<T> withIdleness(Duration idleTimeout) {
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("The idle timeout must be positive, not " + idleTimeout);
    }
    WatermarkStrategy<T> base = this;
    return new WatermarkStrategy<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public WatermarkGenerator<T> createWatermarkGenerator(Context context) {
        return new WatermarksWithIdleness<>(base.createWatermarkGenerator(context), idleTimeout,
            context::currentProcessingTime);
      }

      @Override
      public TimestampAssigner<T> createTimestampAssigner() {
        return base.createTimestampAssigner();
      }
    };
  }

  /** Watermarks for timestamps that never decrease: the largest timestamp seen minus 1 ms. */
  static <T> WatermarkStrategy<T> forMonotonousTimestamps() {
    return context -> new AscendingTimestampsWatermarks<>();
  }

  /** Watermarks trailing the largest timestamp seen by {@code maxOutOfOrderness} plus 1 ms. */
  static <T> WatermarkStrategy<T> forBoundedOutOfOrderness(Duration maxOutOfOrderness) {
    if (maxOutOfOrderness == null || maxOutOfOrderness.isNegative()) {
      throw new IllegalArgumentException("maxOutOfOrderness must be zero or positive, not " + maxOutOfOrderness);
    }
    return context -> new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness);
  }

  /** Watermarks from a custom (periodic or punctuated) generator. */
  static <T> WatermarkStrategy<T> forGenerator(WatermarkGeneratorSupplier<T> generatorSupplier) {
    return generatorSupplier::createWatermarkGenerator;
  }

  /** Records keep the timestamps their source gave them; no watermarks are generated. */
  static <T> WatermarkStrategy<T> noWatermarks() {
    return new NoWatermarksStrategy<>();
  }
}
