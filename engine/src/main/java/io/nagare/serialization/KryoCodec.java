package io.nagare.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import java.io.IOException;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * One Kryo instance with its buffers, for classes no built-in serializer knows. Kryo accepts
 * unregistered classes, tracks references (shared and cyclic object graphs survive), and creates
 * objects through a no-argument constructor where there is one and without calling a constructor
 * otherwise. Format: a var-int byte count, then Kryo's bytes for the object (its class not
 * included: the caller writes it). Not thread-safe: one per serializer instance.
 */
final class KryoCodec {
  /** How every codec configures Kryo, as serializer snapshots record it. */
  static final String CONFIGURATION = "references on, registration not required, no registered classes,"
      + " default field serializer";
  private static final int INITIAL_BUFFER = 256;

  private final Kryo kryo;
  private final Output output = new Output(INITIAL_BUFFER, -1);
  private final Input input = new Input();
  private byte[] readBuffer = new byte[INITIAL_BUFFER];

  KryoCodec(ClassLoader classLoader) {
    kryo = new Kryo();
    kryo.setRegistrationRequired(false);
    kryo.setReferences(true);
    kryo.setClassLoader(classLoader);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
  }

  void write(Object value, DataOutputView target) throws IOException {
    output.reset();
    try {
      kryo.writeObject(output, value);
    } catch (KryoException e) {
      throw new IOException("Kryo could not serialize a " + value.getClass().getName() + ": " + e.getMessage(), e);
    }
    int length = output.position();
    target.writeVarInt(length);
    target.write(output.getBuffer(), 0, length);
  }

  <T> T read(Class<T> type, DataInputView source) throws IOException {
    int length = source.readVarInt();
    Serializers.checkAvailable(source, length, 1);
    if (length > readBuffer.length) {
      readBuffer = new byte[Math.max(length, 2 * readBuffer.length)];
    }
    source.readFully(readBuffer, 0, length);
    input.setBuffer(readBuffer, 0, length);
    T value;
    try {
      value = kryo.readObject(input, type);
    } catch (KryoException e) {
      throw new IOException("Kryo could not deserialize a " + type.getName() + ": " + e.getMessage(), e);
    }
    if (input.position() != length) {
      throw new IOException("Kryo read " + input.position() + " of the " + length + " bytes of a " + type.getName()
          + ": the class changed since the data was written, or the data is corrupt");
    }
    return value;
  }

  <T> T copy(T value) {
    return kryo.copy(value);
  }
}
