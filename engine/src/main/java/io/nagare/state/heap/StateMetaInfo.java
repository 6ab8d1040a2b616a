package io.nagare.state.heap;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.state.StateDescriptor;
import io.nagare.api.typeinfo.TypeInformation;
import java.util.Objects;

/**
 * What identifies a registered keyed state, and the serializers a checkpoint needs to write it:
 * name, kind, declared type, namespace serializer and the serializer of the stored value (for list
 * state a serializer of the whole list, for map state of the whole map). Immutable.
 *
 * @param <N> namespace type
 * @param <S> stored state type
 */
final class StateMetaInfo<N, S> {
  private final String name;
  private final StateDescriptor.Kind kind;
  private final TypeInformation<?> typeInfo;
  private final TypeSerializer<N> namespaceSerializer;
  private final TypeSerializer<S> stateSerializer;

  StateMetaInfo(String name, StateDescriptor.Kind kind, TypeInformation<?> typeInfo,
      TypeSerializer<N> namespaceSerializer, TypeSerializer<S> stateSerializer) {
    this.name = Objects.requireNonNull(name);
    this.kind = Objects.requireNonNull(kind);
    this.typeInfo = Objects.requireNonNull(typeInfo);
    this.namespaceSerializer = Objects.requireNonNull(namespaceSerializer);
    this.stateSerializer = Objects.requireNonNull(stateSerializer);
  }

  String getName() {
    return name;
  }

  StateDescriptor.Kind getKind() {
    return kind;
  }

  TypeInformation<?> getTypeInfo() {
    return typeInfo;
  }

  TypeSerializer<N> getNamespaceSerializer() {
    return namespaceSerializer;
  }

  TypeSerializer<S> getStateSerializer() {
    return stateSerializer;
  }

  /**
   * Checks that {@code descriptor} in namespaces of {@code otherNamespaceSerializer} describes this
   * same state.
   *
   * @throws IllegalStateException naming the state and both declarations otherwise
   */
  void checkCompatible(StateDescriptor<?, ?> descriptor, TypeSerializer<?> otherNamespaceSerializer) {
    if (descriptor.getKind() != kind || !descriptor.getTypeInfo().equals(typeInfo)) {
      throw new IllegalStateException("Keyed state '" + name + "' is already registered as " + kind + " state of "
          + typeInfo + "; it cannot be registered again as " + descriptor.getKind() + " state of "
          + descriptor.getTypeInfo() + ". Give each state its own name.");
    }
    if (otherNamespaceSerializer.getClass() != namespaceSerializer.getClass()) {
      throw new IllegalStateException("Keyed state '" + name + "' is already registered with namespace serializer "
          + namespaceSerializer.getClass().getName() + "; it cannot be registered again with "
          + otherNamespaceSerializer.getClass().getName() + ". Give each state its own name.");
    }
  }
}
