package io.nagare.api.eventtime;

/** The strategy of {@link WatermarkStrategy#noWatermarks()}. */
final class NoWatermarksStrategy<T> implements WatermarkStrategy<T> {
  @Override
  public boolean generatesWatermarks() {
    return false;
  }
}
