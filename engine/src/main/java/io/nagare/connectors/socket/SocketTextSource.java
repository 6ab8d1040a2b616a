package io.nagare.connectors.socket;

import io.nagare.api.source.Boundedness;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SourceSplit;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;

/** Placeholder until the connector lands. */
public final class SocketTextSource implements Source<String, SourceSplit, Object> {
  public SocketTextSource(Object... args) {}

  private static UnsupportedOperationException notYet() {
    return new UnsupportedOperationException("SocketTextSource is being written");
  }

  @Override
  public Boundedness getBoundedness() {
    throw notYet();
  }

  @Override
  public SplitEnumerator<SourceSplit, Object> createEnumerator(SplitEnumeratorContext<SourceSplit> context) {
    throw notYet();
  }

  @Override
  public SplitEnumerator<SourceSplit, Object> restoreEnumerator(SplitEnumeratorContext<SourceSplit> c, Object chk) {
    throw notYet();
  }

  @Override
  public SourceReader<String, SourceSplit> createReader(SourceReaderContext context) {
    throw notYet();
  }

  @Override
  public SimpleVersionedSerializer<SourceSplit> getSplitSerializer() {
    throw notYet();
  }

  @Override
  public SimpleVersionedSerializer<Object> getEnumeratorCheckpointSerializer() {
    throw notYet();
  }
}
