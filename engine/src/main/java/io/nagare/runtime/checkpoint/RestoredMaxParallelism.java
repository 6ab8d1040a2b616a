package io.nagare.runtime.checkpoint;

import io.nagare.plan.JobGraph;
import io.nagare.plan.JobVertex;
import io.nagare.plan.OperatorConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The max parallelism (number of key groups) each keyed operator of a job runs with. Keyed state
 * is partitioned by key group ({@code hash(key) % maxParallelism}), so an operator restored with
 * keyed state must keep the max parallelism its state was written with, whatever its parallelism
 * now. A job that left the max parallelism to its default (derived from the parallelism) takes the
 * checkpoint's; a job that set another one is refused, as is a parallelism above the restored max
 * parallelism. Operators without keyed state in the checkpoint, and jobs started empty, keep the
 * job graph's value.
 *
 * <p>A pure function of the job graph and the checkpoint: the job manager computes it to check a
 * restore and to record it in new checkpoints, and every task manager computes the same to split
 * key groups among subtasks and to route records to them.
 */
public final class RestoredMaxParallelism {
  private RestoredMaxParallelism() {}

  /**
   * Each keyed operator's max parallelism, by operator id.
   *
   * @param restore the checkpoint the job starts from, or null
   * @throws IncompatibleStateException naming the operator and both numbers if the job cannot run
   *     with its state's max parallelism
   * @throws IOException if the checkpoint cannot be read
   */
  public static Map<String, Integer> of(JobGraph job, JobRestore restore)
      throws IOException, IncompatibleStateException {
    Map<String, Integer> result = new HashMap<>();
    for (JobVertex vertex : job.vertices()) {
      for (OperatorConfig op : vertex.operators()) {
        if (op.isKeyed()) {
          result.put(op.operatorId(), of(op, vertex.parallelism(), restore));
        }
      }
    }
    return result;
  }

  private static int of(OperatorConfig op, int parallelism, JobRestore restore)
      throws IOException, IncompatibleStateException {
    int restored = restore == null ? -1 : restore.maxParallelism(op.operatorId());
    if (restored < 0 || restored == op.maxParallelism()) {
      return op.maxParallelism();
    }
    String operator = "operator '" + op.name() + "' (uid " + op.operatorId() + ")";
    if (op.isMaxParallelismExplicit()) {
      if (restore.recordsMaxParallelism()) {
        throw new IncompatibleStateException(operator + " has max parallelism " + op.maxParallelism()
            + ", but its state was written with max parallelism " + restored + ". Keyed state keeps its number of"
            + " key groups for good: set max parallelism " + restored + " (setMaxParallelism), or start without"
            + " this state.");
      }
      return op.maxParallelism();
    }
    if (parallelism > restored) {
      throw new IncompatibleStateException(operator + " runs at parallelism " + parallelism + ", above the max"
          + " parallelism " + restored + " its state was written with. Keyed state keeps its number of key groups"
          + " for good: run the operator at parallelism " + restored + " or less.");
    }
    return restored;
  }
}
