package io.nagare.runtime.checkpoint;

import io.nagare.plan.JobEdge;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobVertex;
import java.io.IOException;

/**
 * Checks that a job can take back the in-flight data of the unaligned checkpoint it restores: that
 * data belongs to the channels between particular subtasks and is not redistributed, so every
 * exchange with in-flight data at either end must keep the parallelism of both ends. (Flink
 * redistributes it; nagare does not yet.) A pure function of the job graph and the checkpoint.
 */
public final class RestoredInFlightData {
  private RestoredInFlightData() {}

  /**
   * @param restore the checkpoint the job starts from, or null
   * @throws IncompatibleStateException naming the operator and both parallelisms if an exchange
   *     holding in-flight data changed its parallelism
   * @throws IOException if the checkpoint cannot be read
   */
  public static void check(JobGraph job, JobRestore restore) throws IOException, IncompatibleStateException {
    if (restore == null) {
      return;
    }
    for (JobVertex vertex : job.vertices()) {
      if (restore.holdsInFlightData(vertex.head().operatorId())) {
        checkParallelism(vertex, restore);
      }
    }
    for (JobEdge edge : job.edges()) {
      JobVertex source = job.vertex(edge.sourceVertex());
      JobVertex target = job.vertex(edge.targetVertex());
      if (restore.holdsInFlightData(source.head().operatorId()) || restore.holdsInFlightData(target.head().operatorId())) {
        checkParallelism(source, restore);
        checkParallelism(target, restore);
      }
    }
  }

  private static void checkParallelism(JobVertex vertex, JobRestore restore)
      throws IOException, IncompatibleStateException {
    int old = restore.parallelismOf(vertex.head().operatorId());
    if (old >= 0 && old != vertex.parallelism()) {
      throw new IncompatibleStateException("operator '" + vertex.head().name() + "' (uid " + vertex.head().operatorId()
          + ") runs at parallelism " + vertex.parallelism() + ", but the unaligned checkpoint holds in-flight data of"
          + " its exchanges taken at parallelism " + old + ", and in-flight data is not redistributed: run it at"
          + " parallelism " + old + ", or rescale from a savepoint (savepoints are always aligned).");
    }
  }
}
