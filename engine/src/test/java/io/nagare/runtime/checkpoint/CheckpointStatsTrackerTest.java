package io.nagare.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checkpoint statistics REST shows: counts, summaries (alignment among them), latest and history. */
class CheckpointStatsTrackerTest {
  @Test
  void summarisesDurationsSizesAndAlignmentsOfCompletedCheckpointsOnly() {
    CheckpointStatsTracker tracker = new CheckpointStatsTracker();
    tracker.triggered(1, 1_000, false);
    tracker.completed(1, 1_300, 10, 100, 4_000_000, "/chk-1");
    tracker.triggered(2, 2_000, false);
    tracker.failed(2, 2_050, "declined");
    tracker.triggered(3, 3_000, false);
    tracker.completed(3, 3_100, 30, 300, 1_000_000, "/chk-3");
    tracker.triggered(4, 4_000, true);
    tracker.completed(4, 4_500, 40, 400, 9_000_000, "/savepoint-4");

    CheckpointStatsTracker.Snapshot s = tracker.snapshot();

    assertThat(s.completed()).isEqualTo(2);
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.duration()).isEqualTo(new CheckpointStatsTracker.MinMaxAvg(100, 300, 200));
    assertThat(s.alignmentNanos()).isEqualTo(new CheckpointStatsTracker.MinMaxAvg(1_000_000, 4_000_000, 2_500_000));
    assertThat(s.latestCompleted().alignmentNanos()).isEqualTo(1_000_000);
    assertThat(s.latestSavepoint().alignmentNanos()).isEqualTo(9_000_000);
    assertThat(s.latestFailed().failureMessage()).isEqualTo("declined");
    assertThat(s.history()).extracting(CheckpointStatsTracker.Entry::id).containsExactly(4L, 3L, 2L, 1L);
  }
}
