package io.nagare.connectors.kafka.source.reader;

import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.SourceOutput;
import java.util.ArrayList;
import java.util.List;

/** Records what a reader emits: each record with its split and timestamp, idle marks, created and released split outputs. */
final class TestingReaderOutput<T> implements ReaderOutput<T> {
  /** One emitted record. */
  record Emitted<T>(String split, T value, Long timestamp) {}

  final List<Emitted<T>> emitted = new ArrayList<>();
  final List<String> created = new ArrayList<>();
  final List<String> released = new ArrayList<>();
  int idleMarks;

  List<T> values() {
    List<T> values = new ArrayList<>();
    emitted.forEach(e -> values.add(e.value()));
    return values;
  }

  @Override
  public void collect(T record) {
    emitted.add(new Emitted<>(null, record, null));
  }

  @Override
  public void collect(T record, long timestamp) {
    emitted.add(new Emitted<>(null, record, timestamp));
  }

  @Override
  public void markIdle() {
    idleMarks++;
  }

  @Override
  public SourceOutput<T> createOutputForSplit(String splitId) {
    created.add(splitId);
    return new SourceOutput<>() {
      @Override
      public void collect(T record) {
        emitted.add(new Emitted<>(splitId, record, null));
      }

      @Override
      public void collect(T record, long timestamp) {
        emitted.add(new Emitted<>(splitId, record, timestamp));
      }
    };
  }

  @Override
  public void releaseOutputForSplit(String splitId) {
    released.add(splitId);
  }
}
