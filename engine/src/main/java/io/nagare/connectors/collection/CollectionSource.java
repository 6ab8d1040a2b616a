package io.nagare.connectors.collection;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.source.Boundedness;
import io.nagare.api.source.SimpleVersionedSerializer;
import io.nagare.api.source.Source;
import io.nagare.api.source.SourceOutput;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.connectors.base.PullingSourceReader;
import io.nagare.connectors.base.QueueSplitEnumerator;
import io.nagare.connectors.base.SplitCursor;
import io.nagare.serialization.DataInputDeserializer;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.serialization.SerializerFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The elements of a collection, in order, as one split. The elements are serialized with their
 * type's serializer when the source is created, so they need not be {@code Serializable} and later
 * changes to the collection do not leak into the job.
 */
public final class CollectionSource<T> implements Source<T, CollectionSplit, Collection<CollectionSplit>> {
  private final TypeInformation<T> type;
  private final byte[] elements;
  private final int count;

  public CollectionSource(Collection<T> data, TypeInformation<T> type) {
    this.type = type;
    this.count = data.size();
    TypeSerializer<T> serializer = SerializerFactory.create(type);
    DataOutputSerializer out = new DataOutputSerializer(256);
    try {
      for (T element : data) {
        serializer.serialize(element, out);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Cannot serialize the collection's elements as " + type + ": " + e, e);
    }
    this.elements = out.getCopyOfBuffer();
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SplitEnumerator<CollectionSplit, Collection<CollectionSplit>> createEnumerator(
      SplitEnumeratorContext<CollectionSplit> context) {
    return new QueueSplitEnumerator<>(context, List.of(new CollectionSplit(0)));
  }

  @Override
  public SplitEnumerator<CollectionSplit, Collection<CollectionSplit>> restoreEnumerator(
      SplitEnumeratorContext<CollectionSplit> context, Collection<CollectionSplit> checkpoint) {
    return new QueueSplitEnumerator<>(context, checkpoint);
  }

  @Override
  public SourceReader<T, CollectionSplit> createReader(SourceReaderContext context) {
    TypeSerializer<T> serializer = SerializerFactory.create(type).duplicate();
    return new PullingSourceReader<>(context) {
      @Override
      protected SplitCursor<T, CollectionSplit> open(CollectionSplit split) throws IOException {
        return new Cursor(serializer, split.position());
      }
    };
  }

  private final class Cursor implements SplitCursor<T, CollectionSplit> {
    private final TypeSerializer<T> serializer;
    private final DataInputDeserializer in = new DataInputDeserializer(elements);
    private int position;

    Cursor(TypeSerializer<T> serializer, int start) throws IOException {
      this.serializer = serializer;
      for (int i = 0; i < start; i++) {
        serializer.deserialize(in);
      }
      this.position = start;
    }

    @Override
    public boolean emit(SourceOutput<T> output, int max) throws IOException {
      for (int i = 0; i < max && position < count; i++) {
        output.collect(serializer.deserialize(in));
        position++;
      }
      return position < count;
    }

    @Override
    public CollectionSplit snapshot() {
      return new CollectionSplit(position);
    }
  }

  @Override
  public SimpleVersionedSerializer<CollectionSplit> getSplitSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(CollectionSplit split) {
        return ByteBuffer.allocate(4).putInt(split.position()).array();
      }

      @Override
      public CollectionSplit deserialize(int version, byte[] serialized) {
        return new CollectionSplit(ByteBuffer.wrap(serialized).getInt());
      }
    };
  }

  @Override
  public SimpleVersionedSerializer<Collection<CollectionSplit>> getEnumeratorCheckpointSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(Collection<CollectionSplit> splits) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * splits.size()).putInt(splits.size());
        splits.forEach(s -> b.putInt(s.position()));
        return b.array();
      }

      @Override
      public Collection<CollectionSplit> deserialize(int version, byte[] serialized) {
        ByteBuffer b = ByteBuffer.wrap(serialized);
        int n = b.getInt();
        List<CollectionSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          splits.add(new CollectionSplit(b.getInt()));
        }
        return splits;
      }
    };
  }
}
