package io.nagare.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortRangeTest {

  @Test
  void portsRangesListsAndAny() {
    assertThat(PortRange.parse("p", "6123")).containsExactly(6123);
    assertThat(PortRange.parse("p", "50100-50102, 50200")).containsExactly(50100, 50101, 50102, 50200);
    assertThat(PortRange.parse("p", "0")).containsExactly(0);
  }

  @Test
  void aBadSettingIsNamed() {
    for (String bad : List.of("", "http", "70000", "9-3", "1-")) {
      assertThatThrownBy(() -> PortRange.parse("rest.port", bad)).hasMessage("Invalid value '" + bad + "' for"
          + " 'rest.port': expected a port (0 for any), a range like 50100-50200, or a comma-separated list of those");
    }
  }

  @Test
  void aServerTakesTheNextFreePortOfItsRangeAndNamesTheSettingWhenAllAreTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      ClusterSecret secret = ClusterSecret.generate();
      assertThatThrownBy(() -> DataServer.start("127.0.0.1", String.valueOf(port), secret, id -> null))
          .isInstanceOf(BindException.class)
          .hasMessage("No free port on 127.0.0.1 among " + port + " (taskmanager.data.port)");
      try (DataServer server = DataServer.start("127.0.0.1", port + "," + (port + 1) + ",0", secret, id -> null)) {
        assertThat(server.port()).isNotEqualTo(port);
      }
    }
  }
}
