package io.nagare.cluster;

import io.nagare.api.common.JobExecutionResult;
import io.nagare.api.configuration.CheckpointingOptions;
import io.nagare.cluster.ClusterInfo.IoMetrics;
import io.nagare.cluster.ClusterInfo.JobInfo;
import io.nagare.cluster.ClusterInfo.SubtaskInfo;
import io.nagare.cluster.ClusterInfo.VertexInfo;
import io.nagare.plan.JobGraph;
import io.nagare.plan.JobVertex;
import io.nagare.runtime.executor.JobRunClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A job submitted to the job manager: its plan, class loader key, jar (until it ended), deployment
 * and run, state and end. Owned by the job manager's thread, which reads and writes its fields.
 */
final class ClusterJob {
  final JobGraph graph;
  final String loaderKey;
  final long startTime = System.currentTimeMillis();
  final List<CompletableFuture<Void>> ended = new ArrayList<>();
  byte[] jar;
  ClusterDeployment deployment;
  JobRunClient client;
  String state = "RUNNING";
  long endTime = -1;
  String rootException;
  JobExecutionResult result;

  ClusterJob(JobGraph graph, String loaderKey, byte[] jar) {
    this.graph = graph;
    this.loaderKey = loaderKey;
    this.jar = jar;
  }

  boolean isTerminal() {
    return endTime >= 0;
  }

  JobInfo info(MetricStore metrics) {
    List<VertexInfo> vertices = new ArrayList<>();
    RemoteAttempt attempt = deployment == null ? null : deployment.latest();
    for (JobVertex v : graph.vertices()) {
      List<SubtaskInfo> subtasks = new ArrayList<>();
      IoMetrics total = IoMetrics.NONE;
      for (SubtaskInfo s : attempt == null ? List.<SubtaskInfo>of() : attempt.subtasksOf(v.id())) {
        IoMetrics io = IoMetrics.of(metrics.subtask(graph.jobId(), v.id(), s.subtask()));
        subtasks.add(new SubtaskInfo(s.subtask(), s.status(), s.taskManager(), io));
        total = total.plus(io);
      }
      vertices.add(new VertexInfo(v.id(), v.name(), v.parallelism(), subtasks, total, total.backPressureLevel()));
    }
    long end = endTime >= 0 ? endTime : System.currentTimeMillis();
    String restore = graph.configuration().get(CheckpointingOptions.RESTORE_PATH);
    return new JobInfo(graph.jobId(), graph.jobName(), state, startTime, endTime, end - startTime, vertices,
        rootException, restore.isEmpty() ? null : restore);
  }
}
