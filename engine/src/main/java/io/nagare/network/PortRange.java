package io.nagare.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A port setting ({@code jobmanager.rpc.port}, {@code taskmanager.data.port}, …): a fixed port
 * ({@code 6123}), ranges and lists ({@code 50100-50200,50300}), or {@code 0} for any free port.
 */
public final class PortRange {
  private PortRange() {}

  /**
   * Binds {@code bootstrap} to the first free port of {@code spec} (the setting {@code option}) on
   * {@code host}. On failure shuts {@code group} down.
   *
   * @throws BindException naming the setting and the ports if none is free
   */
  public static Channel bind(ServerBootstrap bootstrap, EventLoopGroup group, String host, String option,
      String spec) throws BindException, InterruptedException {
    List<Integer> ports;
    try {
      ports = parse(option, spec);
    } catch (IllegalArgumentException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
    for (int port : ports) {
      try {
        return bootstrap.bind(host, port).sync().channel();
      } catch (Exception e) {
        if (!(e instanceof BindException)) {
          group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
          throw e;
        }
      }
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    throw new BindException("No free port on " + host + " among " + spec + " (" + option + ")");
  }

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
