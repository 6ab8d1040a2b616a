package io.nagare.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The process's network buffer figures follow its pools: created, used, recycled, destroyed. */
class NetworkBuffersTest {
  @Test
  void countsTheBuffersOfLivePoolsAndThoseInUse() throws Exception {
    NetworkBuffers.Usage before = NetworkBuffers.usage();
    BufferPool pool = new BufferPool(5, 64);
    Buffer first = pool.requestBuffer();
    Buffer second = pool.requestBuffer();

    assertThat(delta(before, NetworkBuffers.usage())).isEqualTo(new NetworkBuffers.Usage(5, 2, 320, 128));

    first.recycle();
    assertThat(delta(before, NetworkBuffers.usage())).isEqualTo(new NetworkBuffers.Usage(5, 1, 320, 64));

    pool.destroy();
    assertThat(delta(before, NetworkBuffers.usage())).isEqualTo(new NetworkBuffers.Usage(0, 0, 0, 0));
    second.recycle();
  }

  private static NetworkBuffers.Usage delta(NetworkBuffers.Usage before, NetworkBuffers.Usage after) {
    return new NetworkBuffers.Usage(after.totalSegments() - before.totalSegments(),
        after.usedSegments() - before.usedSegments(), after.totalBytes() - before.totalBytes(),
        after.usedBytes() - before.usedBytes());
  }
}
