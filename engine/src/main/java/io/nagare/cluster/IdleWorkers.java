package io.nagare.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which idle workers to give back: those with no slot in use for at least the timeout, longest
 * idle first, as long as at least {@code keep} workers and the wanted number of spares (idle
 * workers kept ready) remain. A worker is idle from the first check that finds none of its slots
 * in use until a check finds one in use again.
 *
 * <p>Threading: the job manager's thread only.
 */
final class IdleWorkers {
  private final long timeoutMillis;
  private final int keep;
  /** When each worker was first found idle; absent while busy. */
  private final Map<String, Long> idleSince = new HashMap<>();

  IdleWorkers(long timeoutMillis, int keep) {
    this.timeoutMillis = timeoutMillis;
    this.keep = keep;
  }

  long timeoutMillis() {
    return timeoutMillis;
  }

  /**
   * Notes which workers are idle now and returns those to release.
   *
   * @param usedSlots every registered worker with the number of its slots in use
   * @param spares how many idle workers to keep ready
   * @param now the job manager's clock, in milliseconds
   */
  List<String> toRelease(Map<String, Integer> usedSlots, int spares, long now) {
    idleSince.keySet().retainAll(usedSlots.keySet());
    List<String> expired = new ArrayList<>();
    int idle = 0;
    for (Map.Entry<String, Integer> e : usedSlots.entrySet()) {
      if (e.getValue() > 0) {
        idleSince.remove(e.getKey());
        continue;
      }
      idle++;
      long since = idleSince.computeIfAbsent(e.getKey(), k -> now);
      if (now - since >= timeoutMillis) {
        expired.add(e.getKey());
      }
    }
    expired.sort((a, b) -> Long.compare(idleSince.get(a), idleSince.get(b)));
    int releasable = Math.min(usedSlots.size() - keep, idle - spares);
    List<String> released = new ArrayList<>(expired.subList(0, Math.max(0, Math.min(releasable, expired.size()))));
    released.forEach(idleSince::remove);
    return released;
  }
}
