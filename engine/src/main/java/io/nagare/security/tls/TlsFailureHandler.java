package io.nagare.security.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after a server's {@code SslHandler}: a connection whose TLS fails (a plain-text
 * client, a client that does not trust the certificate) is logged once, naming the peer and
 * {@code service}, and closed. Other exceptions pass on. Stateless, so one instance serves every
 * channel.
 */
@ChannelHandler.Sharable
public final class TlsFailureHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(TlsFailureHandler.class);
  private final String service;

  public TlsFailureHandler(String service) {
    this.service = service;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof NotSslRecordException) {
        LOG.warn("{} refused a connection from {}: it does not speak TLS", service, ctx.channel().remoteAddress());
        ctx.close();
        return;
      }
      if (t instanceof SSLException) {
        LOG.warn("{} refused a connection from {}: TLS failed: {}", service, ctx.channel().remoteAddress(),
            t.getMessage());
        ctx.close();
        return;
      }
    }
    ctx.fireExceptionCaught(cause);
  }
}
