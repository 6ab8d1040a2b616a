package io.nagare.state.heap;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.api.state.AggregatingStateDescriptor;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.ReducingStateDescriptor;
import io.nagare.api.state.StateDescriptor;
import io.nagare.api.state.ValueStateDescriptor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.state.VoidNamespace;
import io.nagare.state.VoidNamespaceSerializer;
import java.util.function.Function;

/**
 * Creates the table and handle of a newly registered heap state from its descriptor, with the
 * serializer of the stored value. Stateless apart from the serializer factory it was given.
 */
final class HeapStateFactory {
  private final Function<TypeInformation<?>, TypeSerializer<?>> serializerFactory;

  HeapStateFactory(Function<TypeInformation<?>, TypeSerializer<?>> serializerFactory) {
    this.serializerFactory = serializerFactory;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  <K, N> AbstractHeapState<K, N, ?> create(
      HeapKeyContext<K> keyContext, TypeSerializer<N> namespaceSerializer, StateDescriptor<?, ?> descriptor) {
    N initialNamespace = namespaceSerializer instanceof VoidNamespaceSerializer ? (N) VoidNamespace.INSTANCE : null;
    switch (descriptor.getKind()) {
      case VALUE:
        return new HeapValueState<>(table(keyContext, namespaceSerializer, descriptor, descriptor.getTypeInfo()),
            initialNamespace, ((ValueStateDescriptor) descriptor).getDefaultValue());
      case LIST:
        return new HeapListState<>(table(keyContext, namespaceSerializer, descriptor,
            Types.LIST(((ListStateDescriptor<?>) descriptor).getTypeInfo())), initialNamespace);
      case MAP:
        return new HeapMapState<>(table(keyContext, namespaceSerializer, descriptor, descriptor.getTypeInfo()),
            initialNamespace);
      case REDUCING:
        return new HeapReducingState<>(table(keyContext, namespaceSerializer, descriptor, descriptor.getTypeInfo()),
            initialNamespace, ((ReducingStateDescriptor) descriptor).getReduceFunction());
      case AGGREGATING:
        return new HeapAggregatingState<>(table(keyContext, namespaceSerializer, descriptor, descriptor.getTypeInfo()),
            initialNamespace, ((AggregatingStateDescriptor) descriptor).getAggregateFunction());
      default:
        throw new IllegalArgumentException("Unsupported kind of keyed state: " + descriptor);
    }
  }

  private <K, N, S> StateTable<K, N, S> table(HeapKeyContext<K> keyContext, TypeSerializer<N> namespaceSerializer,
      StateDescriptor<?, ?> descriptor, TypeInformation<?> storedType) {
    StateMetaInfo<N, S> metaInfo = new StateMetaInfo<>(descriptor.getName(), descriptor.getKind(),
        descriptor.getTypeInfo(), namespaceSerializer, serializer(descriptor, storedType));
    return new StateTable<>(keyContext, metaInfo);
  }

  @SuppressWarnings("unchecked")
  private <S> TypeSerializer<S> serializer(StateDescriptor<?, ?> descriptor, TypeInformation<?> storedType) {
    TypeSerializer<?> serializer;
    try {
      serializer = serializerFactory.apply(storedType);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot create the serializer of keyed state '" + descriptor.getName()
          + "' (type " + storedType + "): " + e.getMessage(), e);
    }
    if (serializer == null) {
      throw new IllegalStateException("No serializer for keyed state '" + descriptor.getName() + "' (type "
          + storedType + ")");
    }
    return (TypeSerializer<S>) serializer;
  }
}
