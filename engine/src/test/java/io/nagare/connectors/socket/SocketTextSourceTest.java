package io.nagare.connectors.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nagare.api.common.JobExecutionException;
import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.testing.CollectSink;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SocketTextSourceTest {

  /** Accepts one connection, writes {@code text} in small chunks, and closes it. */
  private static CompletableFuture<Void> serve(ServerSocket server, String text) {
    return CompletableFuture.runAsync(() -> {
      try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 7) {
          out.write(bytes, i, Math.min(7, bytes.length - i));
          out.flush();
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void linesUntilThePeerClosesIncludingAFinalLineWithoutNewline() throws Exception {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      text.append("line ").append(i).append(" ü").append(i % 2 == 0 ? "\n" : "\r\n");
      expected.add("line " + i + " ü");
    }
    text.append("tail");
    expected.add("tail");
    try (ServerSocket server = new ServerSocket(0)) {
      CompletableFuture<Void> served = serve(server, text.toString());
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
      CollectSink<String> sink = new CollectSink<>();
      env.socketTextStream("localhost", server.getLocalPort()).map(s -> s).addSink(sink);
      env.execute("socket");
      served.get();
      List<String> actual = sink.values();
      actual.sort(null);
      expected.sort(null);
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void customDelimiter() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      CompletableFuture<Void> served = serve(server, "a||bb||||ccc||");
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
      CollectSink<String> sink = new CollectSink<>();
      env.socketTextStream("localhost", server.getLocalPort(), "||").addSink(sink);
      env.execute("socket delimiter");
      served.get();
      assertThat(sink.values()).containsExactly("a", "bb", "", "ccc");
    }
  }

  @Test
  void aRefusedConnectionFailsTheJobNamingHostAndPort() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0)) {
      port = server.getLocalPort();
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
    env.socketTextStream("localhost", port).addSink(new CollectSink<>());
    assertThatThrownBy(() -> env.execute("refused"))
        .isInstanceOf(JobExecutionException.class)
        .cause()
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Socket source localhost:" + port + " failed: Connection refused");
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThatThrownBy(() -> new SocketTextSource("h", 70_000, "\n"))
        .hasMessage("socketTextStream: port must be in 0..65535, not 70000");
    assertThatThrownBy(() -> new SocketTextSource("h", 1, ""))
        .hasMessage("socketTextStream: the delimiter must not be empty");
  }
}
