package io.nagare.examples.nexmark.source;

import io.nagare.api.source.SourceSplit;

/**
 * The events {@code n ≡ index (mod stride)} with {@code next <= n < end}, in increasing {@code n}:
 * one residue class of the stream, and the position reached in it. Immutable.
 *
 * @param index the residue (the source subtask the split was made for)
 * @param stride the modulus (the source's parallelism when the splits were made)
 * @param next the next event number to emit
 * @param end the first event number not to emit
 * @param seed the generator's seed
 */
public record NexmarkSplit(int index, int stride, long next, long end, long seed) implements SourceSplit {
  @Override
  public String splitId() {
    return Integer.toString(index);
  }

  /** Whether every event of the split has been emitted. */
  public boolean isFinished() {
    return next >= end;
  }

  /** The same split positioned at {@code position}. */
  public NexmarkSplit at(long position) {
    return new NexmarkSplit(index, stride, position, end, seed);
  }
}
