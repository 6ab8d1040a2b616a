package io.nagare.client.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.util.Records;
import org.junit.jupiter.api.Test;

/** What a client waiting for its application prints as reports come in. */
class YarnSessionsProgressTest {
  private static final ApplicationId ID = ApplicationId.newInstance(1795970000000L, 7);

  private static ApplicationReport report(YarnApplicationState state, String diagnostics) {
    ApplicationReport report = Records.newRecord(ApplicationReport.class);
    report.setApplicationId(ID);
    report.setYarnApplicationState(state);
    report.setDiagnostics(diagnostics);
    return report;
  }

  @Test
  void eachNewStateIsPrintedOnce() {
    ApplicationReport accepted = report(YarnApplicationState.ACCEPTED, "");
    assertThat(YarnSessions.progressLines(null, accepted))
        .containsExactly("Application application_1795970000000_0007 is ACCEPTED");
    assertThat(YarnSessions.progressLines(accepted, report(YarnApplicationState.ACCEPTED, ""))).isEmpty();
    assertThat(YarnSessions.progressLines(accepted, report(YarnApplicationState.RUNNING, "")))
        .containsExactly("Application application_1795970000000_0007 is RUNNING");
  }

  @Test
  void whatYarnSaysWhileTheApplicationWaitsIsPrintedWhenItChanges() {
    String limit = "Application is added to the scheduler and is not yet activated. Queue's AM resource limit"
        + " exceeded.";
    ApplicationReport waiting = report(YarnApplicationState.ACCEPTED, limit);
    assertThat(YarnSessions.progressLines(null, waiting))
        .containsExactly("Application application_1795970000000_0007 is ACCEPTED", "  YARN: " + limit);
    assertThat(YarnSessions.progressLines(waiting, report(YarnApplicationState.ACCEPTED, limit + " \n"))).isEmpty();
    assertThat(YarnSessions.progressLines(waiting, report(YarnApplicationState.RUNNING, "AM registered")))
        .as("once it runs, diagnostics are no longer a reason for waiting")
        .containsExactly("Application application_1795970000000_0007 is RUNNING");
  }
}
