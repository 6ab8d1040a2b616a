package io.nagare.api.windowing.assigners;

import java.io.Serializable;

/** The session gap for one element, in milliseconds (dynamic gaps). */
@FunctionalInterface
public interface SessionWindowTimeGapExtractor<T> extends Serializable {
  long extract(T element);
}
