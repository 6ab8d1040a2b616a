package io.nagare.network;

import java.util.ArrayList;
import java.util.List;

/**
 * A port setting ({@code jobmanager.rpc.port}, {@code taskmanager.data.port}, …): a fixed port
 * ({@code 6123}), ranges and lists ({@code 50100-50200,50300}), or {@code 0} for any free port.
 */
public final class PortRange {
  private PortRange() {}

  /**
   * The ports {@code spec} allows, in order; {@code [0]} for any.
   *
   * @throws IllegalArgumentException naming {@code option} if {@code spec} is not a port setting
   */
  public static List<Integer> parse(String option, String spec) {
    List<Integer> ports = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      try {
        int dash = p.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
        int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
        if (from < 0 || to > 65535 || to < from) {
          throw new NumberFormatException();
        }
        for (int port = from; port <= to; port++) {
          ports.add(port);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid value '" + spec + "' for '" + option + "': expected a port (0 for"
            + " any), a range like 50100-50200, or a comma-separated list of those");
      }
    }
    return ports;
  }
}
