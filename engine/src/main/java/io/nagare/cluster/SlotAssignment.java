package io.nagare.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a job's subtasks into task manager slots, sharing slots as Flink does: subtask {@code i}
 * of every vertex goes into the job's {@code i}-th slot, so a job needs as many slots as its
 * highest parallelism and a pipeline's subtasks sit together. The job's slots are dealt out over
 * the task managers in turn (each turn starting with the one with the most free slots), so the
 * subtasks of every vertex are spread over the cluster rather than piled onto its first task
 * manager. Pure function.
 */
public final class SlotAssignment {
  private SlotAssignment() {}

  /** One subtask: vertex id and subtask index. */
  public record Subtask(int vertex, int index) {}

  /** One slot: task manager id and slot number there. */
  public record Slot(String taskManager, int number) {}

  /** The cluster has fewer free slots than the job needs. */
  public static final class NotEnoughSlotsException extends Exception {
    NotEnoughSlotsException(String message) {
      super(message);
    }
  }

  /**
   * Where each subtask runs.
   *
   * @param parallelism the parallelism of each vertex, by vertex id
   * @param freeSlots free slots per task manager, by task manager id
   * @throws NotEnoughSlotsException naming what the job needs and what the cluster has
   */
  public static Map<Subtask, Slot> assign(String jobName, Map<Integer, Integer> parallelism,
      Map<String, Integer> freeSlots) throws NotEnoughSlotsException {
    int needed = 0;
    for (int p : parallelism.values()) {
      needed = Math.max(needed, p);
    }
    int free = 0;
    for (int f : freeSlots.values()) {
      free += f;
    }
    if (needed > free) {
      throw new NotEnoughSlotsException("Job '" + jobName + "' needs " + needed + " slots (its highest"
          + " parallelism); the cluster has " + free + " free on " + freeSlots.size() + " task manager"
          + (freeSlots.size() == 1 ? "" : "s") + ". Start more task managers (scripts/taskmanager.sh start) or lower"
          + " the parallelism.");
    }
    Map<String, Integer> left = new LinkedHashMap<>(freeSlots);
    Map<String, Integer> used = new HashMap<>();
    List<Slot> shared = new ArrayList<>(needed);
    while (shared.size() < needed) {
      List<String> round = new ArrayList<>(left.keySet());
      round.removeIf(tm -> left.get(tm) == 0);
      round.sort((a, b) -> Integer.compare(left.get(b), left.get(a)));
      for (String tm : round) {
        if (shared.size() == needed) {
          break;
        }
        int number = used.merge(tm, 1, Integer::sum) - 1;
        left.merge(tm, -1, Integer::sum);
        shared.add(new Slot(tm, number));
      }
    }
    Map<Subtask, Slot> placement = new LinkedHashMap<>();
    for (Map.Entry<Integer, Integer> v : parallelism.entrySet()) {
      for (int i = 0; i < v.getValue(); i++) {
        placement.put(new Subtask(v.getKey(), i), shared.get(i));
      }
    }
    return placement;
  }
}
