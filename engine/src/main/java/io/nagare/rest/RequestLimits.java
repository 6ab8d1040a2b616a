package io.nagare.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST endpoint's bounds on what a request may be, and the JSON answers when it is not: a
 * request line (method, URI, version) of at most {@link #MAX_LINE} bytes (else 414), headers of at
 * most {@link #MAX_HEADERS} bytes (else 431), a body of at most {@code rest.server.max-content-length}
 * (else 413, before the body is buffered), a URI that decodes (else 400); each answered
 * {@code {"errors": [...]}} and the connection closed. A handler that fails unexpectedly gets a
 * 500 answer instead of a silent connection. Stateless; the handlers run on the REST event loop.
 */
public final class RequestLimits {
  /** The longest request line accepted. */
  public static final int MAX_LINE = 8192;
  /** The most header bytes accepted. */
  public static final int MAX_HEADERS = 16384;

  private static final Logger LOG = LoggerFactory.getLogger(RequestLimits.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestLimits() {}

  /** Adds the HTTP codec and the aggregation of bodies up to {@code maxContentLength}, with their checks. */
  public static void install(ChannelPipeline pipeline, int maxContentLength) {
    pipeline.addLast(new HttpServerCodec(MAX_LINE, MAX_HEADERS, 8192), new MalformedRequests(),
        new BoundedAggregator(maxContentLength));
  }

  /** The last handler of the pipeline: a failure no handler answered becomes a 500 answer. */
  public static ChannelInboundHandlerAdapter lastResort() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("REST request from {} failed", ctx.channel().remoteAddress(), cause);
        refuse(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "The request failed: " + cause);
      }
    };
  }

  /** Answers {@code status} with {@code {"errors": [message]}} and closes the connection. */
  static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Map.of("errors", List.of(message)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set(HttpHeaderNames.CONNECTION, "close");
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /** Answers requests the codec could not decode, or whose URI does not decode, and drops the rest of them. */
  private static final class MalformedRequests extends ChannelInboundHandlerAdapter {
    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (refused) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (msg instanceof HttpObject object) {
        String why = problem(object);
        if (why != null) {
          refused = true;
          ReferenceCountUtil.release(msg);
          Throwable cause = object.decoderResult().cause();
          refuse(ctx, cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
              : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
              : HttpResponseStatus.BAD_REQUEST, why);
          return;
        }
      }
      ctx.fireChannelRead(msg);
    }

    private static String problem(HttpObject object) {
      DecoderResult result = object.decoderResult();
      if (result.isFailure()) {
        Throwable cause = result.cause();
        if (cause instanceof TooLongHttpLineException) {
          return "The request line is longer than " + MAX_LINE + " bytes";
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
          return "The request headers are longer than " + MAX_HEADERS + " bytes";
        }
        return "Malformed HTTP request: " + cause.getMessage();
      }
      if (object instanceof HttpRequest request) {
        try {
          QueryStringDecoder uri = new QueryStringDecoder(request.uri());
          uri.path();
          uri.parameters();
        } catch (IllegalArgumentException e) {
          return "Malformed request URI: " + e.getMessage();
        }
      }
      return null;
    }
  }

  /** Aggregates bodies; an announced or actual body over the limit is answered 413 with JSON. */
  private static final class BoundedAggregator extends HttpObjectAggregator {
    BoundedAggregator(int maxContentLength) {
      super(maxContentLength);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      ReferenceCountUtil.release(oversized);
      refuse(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "The request body is larger than "
          + maxContentLength() + " bytes (rest.server.max-content-length)");
    }
  }
}
