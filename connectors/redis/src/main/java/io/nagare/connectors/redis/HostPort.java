package io.nagare.connectors.redis;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A {@code host:port} of a Redis server or sentinel, parsed from a builder option. */
record HostPort(String host, int port) implements Serializable {

  /**
   * Parses {@code host:port} ({@code [v6-address]:port} for IPv6); fails naming {@code option} and
   * the text.
   */
  static HostPort parse(String option, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(option + ": no address; expected host:port, such as localhost:6379");
    }
    String s = text.strip();
    int colon = s.lastIndexOf(':');
    String host = colon < 0 ? "" : s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      host = "";
    }
    int port = -1;
    if (colon >= 0) {
      try {
        port = Integer.parseInt(s.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException(option + ": '" + text + "' is not host:port (a host name or address, a colon,"
          + " and a port from 1 to 65535; IPv6 addresses in brackets, such as [::1]:6379)");
    }
    return new HostPort(host, port);
  }

  /** Parses a comma-separated list of {@code host:port}; fails naming {@code option}. */
  static List<HostPort> parseList(String option, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(option + ": no addresses; expected host:port[,host:port...]");
    }
    List<HostPort> list = new ArrayList<>();
    for (String part : text.split(",")) {
      list.add(parse(option, part));
    }
    return List.copyOf(list);
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
