package io.nagare.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.nagare.api.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** An ended application's ResourceManager link leads to the history server when one is configured. */
class FinalTrackingUrlTest {
  @Test
  void aPerJobApplicationLinksToItsJobAndASessionToTheJobList() {
    Configuration conf = new Configuration().setString("historyserver.web.address", "history.example.com")
        .setString("historyserver.web.port", "18082");
    assertThat(ApplicationMaster.finalTrackingUrl(conf, "0123456789abcdef0123456789abcdef"))
        .isEqualTo("http://history.example.com:18082/#/jobs/0123456789abcdef0123456789abcdef");
    assertThat(ApplicationMaster.finalTrackingUrl(conf, null)).isEqualTo("http://history.example.com:18082/");
  }

  @Test
  void withoutAHistoryServerThereIsNoFinalLink() {
    assertThat(ApplicationMaster.finalTrackingUrl(new Configuration(), "0123456789abcdef0123456789abcdef")).isNull();
  }
}
