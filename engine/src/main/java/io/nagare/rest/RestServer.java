package io.nagare.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nagare.network.PortRange;
import io.nagare.security.tls.TlsFailureHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job manager's REST endpoint: JSON over HTTP/1.1 on Netty. Routes are a method and a path
 * pattern whose {@code :name} segments match any one segment ({@code "GET /jobs/:jobid"}; where
 * several match, the one with fewest such segments wins, so {@code /jobs/overview} beats it); handlers
 * answer asynchronously (they usually ask the job manager's thread); errors are answered as {@code
 * {"errors": ["..."]}} with a 4xx or 5xx status, as Flink's REST API does. Request bodies may be up
 * to {@code maxContentLength} bytes (a job's jar travels in one). Before a matched route's handler
 * runs, its {@link RestAccess} decides whether the request is answered at all (the cluster secret,
 * a YARN web proxy); a refused request's body is not looked at. One event loop thread.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Answers one request; the result is written as JSON. */
  @FunctionalInterface
  public interface Handler {
    CompletableFuture<?> handle(Request request);
  }

  /**
   * One request: the values of the path's {@code :name} segments, the query parameters and the
   * body.
   */
  public record Request(Map<String, String> pathParameters, Map<String, List<String>> parameters, byte[] body) {
    /** The first value of query parameter {@code name}, or {@code otherwise}. */
    public String parameter(String name, String otherwise) {
      List<String> values = parameters.get(name);
      return values == null || values.isEmpty() ? otherwise : values.get(0);
    }
  }

  /** An answer that is not JSON (a web UI file): sent as is with its content type. */
  public record Content(String contentType, byte[] bytes) {}

  /** A request the handler cannot serve: answered with {@code status} and {@code message}. */
  public static final class RestException extends RuntimeException {
    private final int status;

    public RestException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final EventLoopGroup group;
  private Channel channel;
  /** Who may use which routes; written by {@link #restrictToProxy}, read by the event loop. */
  private volatile RestAccess access;

  private RestServer(EventLoopGroup group, RestAccess access) {
    this.group = group;
    this.access = access;
  }

  /**
   * From now on answers requests without the cluster secret only from {@code proxy}'s hosts (a YARN
   * web proxy, as YARN's AmIpFilter does); other GETs are redirected through the proxy. Any thread.
   */
  public void restrictToProxy(RestAccess.Proxy proxy) {
    this.access = access.behindProxy(proxy);
  }

  /**
   * Serves {@code routes} to anyone ({@link RestAccess#open}), as {@link #start(String, String, Map,
   * int, RestAccess)} does.
   */
  public static RestServer start(String host, String portSpec, Map<String, Handler> routes, int maxContentLength)
      throws BindException, InterruptedException {
    return start(host, portSpec, routes, maxContentLength, RestAccess.open(), null);
  }

  /**
   * As {@link #start(String, String, Map, int)}, answering HTTPS with {@code tls} ({@code
   * security.ssl.rest.enabled}: its {@code SslHandler} first in every connection's pipeline), or
   * plain HTTP if it is null.
   */
  public static RestServer start(String host, String portSpec, Map<String, Handler> routes, int maxContentLength,
      SslContext tls) throws BindException, InterruptedException {
    return start(host, portSpec, routes, maxContentLength, RestAccess.open(), tls);
  }

  /** As {@link #start(String, String, Map, int, RestAccess, SslContext)} over plain HTTP. */
  public static RestServer start(String host, String portSpec, Map<String, Handler> routes, int maxContentLength,
      RestAccess access) throws BindException, InterruptedException {
    return start(host, portSpec, routes, maxContentLength, access, null);
  }

  /**
   * Serves {@code routes} (exact paths) on the first free port of {@code portSpec} ({@code rest.port}),
   * to the requests {@code access} lets through, over HTTPS with {@code tls} or plain HTTP if it is null.
   *
   * @throws BindException naming the setting if none of the ports is free
   */
  public static RestServer start(String host, String portSpec, Map<String, Handler> routes, int maxContentLength,
      RestAccess access, SslContext tls) throws BindException, InterruptedException {
    TlsFailureHandler tlsFailures = new TlsFailureHandler("The REST endpoint");
    RestServer[] self = new RestServer[1];
    EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("nagare-rest", true));
    ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (tls != null) {
              ch.pipeline().addLast(tls.newHandler(ch.alloc()), tlsFailures);
            }
            RequestLimits.install(ch.pipeline(), maxContentLength);
            ch.pipeline().addLast(new Dispatcher(routes, self[0]), RequestLimits.lastResort());
          }
        });
    self[0] = new RestServer(group, access);
    self[0].channel = PortRange.bind(bootstrap, group, host, "rest.port", portSpec);
    return self[0];
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Map<String, Handler> routes;
    private final RestServer server;

    Dispatcher(Map<String, Handler> routes, RestServer server) {
      this.routes = routes;
      this.server = server;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      String[] path = uri.path().split("/", -1);
      boolean pathFound = false;
      Handler handler = null;
      Map<String, String> pathParameters = new java.util.HashMap<>();
      for (Map.Entry<String, Handler> route : routes.entrySet()) {
        int space = route.getKey().indexOf(' ');
        Map<String, String> matched = match(route.getKey().substring(space + 1).split("/", -1), path);
        if (matched != null) {
          pathFound = true;
          boolean fewerParameters = handler == null || matched.size() < pathParameters.size();
          if (route.getKey().substring(0, space).equals(request.method().name()) && fewerParameters) {
            handler = route.getValue();
            pathParameters = matched;
          }
        }
      }
      if (handler == null) {
        if (pathFound) {
          respond(ctx, keepAlive, 405, Map.of("errors", List.of(request.method() + " is not allowed on "
              + uri.path())));
        } else {
          respond(ctx, keepAlive, 404, Map.of("errors", List.of("Not found: " + uri.path())));
        }
        return;
      }
      RestAccess.Verdict verdict = server.access.decide(request.method().name(), request.uri(),
          ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress(), request.headers().get(RestAccess.HEADER));
      if (!verdict.answers()) {
        refuse(ctx, keepAlive, verdict);
        return;
      }
      byte[] content = new byte[request.content().readableBytes()];
      request.content().readBytes(content);
      CompletableFuture<?> result;
      try {
        result = handler.handle(new Request(pathParameters, uri.parameters(), content));
      } catch (RuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
      result.whenComplete((body, failure) -> {
        if (failure == null) {
          respond(ctx, keepAlive, 200, body);
          return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
            : failure;
        int status = cause instanceof RestException rest ? rest.status : 500;
        if (status == 500) {
          LOG.warn("REST request {} failed", uri.path(), cause);
        }
        respond(ctx, keepAlive, status, Map.of("errors", List.of(String.valueOf(cause.getMessage()))));
      });
    }

    /** The values of the pattern's {@code :name} segments if {@code path} matches it, else null. */
    private static Map<String, String> match(String[] pattern, String[] path) {
      if (pattern.length != path.length) {
        return null;
      }
      Map<String, String> values = new java.util.HashMap<>();
      for (int i = 0; i < pattern.length; i++) {
        if (pattern[i].startsWith(":")) {
          values.put(pattern[i].substring(1), path[i]);
        } else if (!pattern[i].equals(path[i])) {
          return null;
        }
      }
      return values;
    }

    /** Answers a refused request: its status and message, with the header a 401 or a redirect needs. */
    private static void refuse(ChannelHandlerContext ctx, boolean keepAlive, RestAccess.Verdict verdict) {
      Map<CharSequence, String> headers = verdict.location() != null
          ? Map.of(HttpHeaderNames.LOCATION, verdict.location())
          : Map.of(HttpHeaderNames.WWW_AUTHENTICATE, RestAccess.SCHEME + " realm=\"nagare\"");
      respond(ctx, keepAlive, verdict.status(), Map.of("errors", List.of(verdict.message())), headers);
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, int status, Object body) {
      respond(ctx, keepAlive, status, body, Map.of());
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, int status, Object body,
        Map<CharSequence, String> headers) {
      byte[] bytes;
      String contentType = "application/json; charset=UTF-8";
      if (body instanceof Content content) {
        bytes = content.bytes();
        contentType = content.contentType();
      } else {
        try {
          bytes = JSON.writeValueAsBytes(body);
        } catch (Exception e) {
          bytes = ("{\"errors\":[\"cannot write the answer: " + e.getMessage().replace("\"", "'") + "\"]}")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
          status = 500;
        }
      }
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(bytes));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
      headers.forEach(response.headers()::set);
      if (keepAlive) {
        response.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
        ctx.writeAndFlush(response);
      } else {
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
      }
    }
  }
}
