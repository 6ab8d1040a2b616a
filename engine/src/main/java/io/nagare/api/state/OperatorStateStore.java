package io.nagare.api.state;

/**
 * Non-keyed state of one parallel operator instance: lists whose elements are redistributed when
 * the parallelism changes — round-robin over the new instances ({@link #getListState}), or all of
 * them to every instance ({@link #getUnionListState}).
 */
public interface OperatorStateStore {
  <S> ListState<S> getListState(ListStateDescriptor<S> descriptor);

  <S> ListState<S> getUnionListState(ListStateDescriptor<S> descriptor);
}
