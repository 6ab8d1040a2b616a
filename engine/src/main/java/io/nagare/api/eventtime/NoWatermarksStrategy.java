package io.nagare.api.eventtime;

/** The strategy of {@link WatermarkStrategy#noWatermarks()}: elements keep their source timestamps. */
final class NoWatermarksStrategy<T> implements WatermarkStrategy<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public WatermarkGenerator<T> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
    return new WatermarkGenerator<>() {
      @Override
      public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

      @Override
      public void onPeriodicEmit(WatermarkOutput output) {}
    };
  }

  @Override
  public boolean isPassThrough() {
    return true;
  }
}
