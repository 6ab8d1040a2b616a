package io.nagare.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The per-cluster secret that every connection between cluster processes presents in its
 * handshake. Generated once at cluster start and handed to workers out of band; never logged
 * ({@link #toString} masks it) and compared in constant time. Immutable.
 */
public final class ClusterSecret {
  private static final int BYTES = 32;
  private final byte[] secret;

  private ClusterSecret(byte[] secret) {
    this.secret = secret.clone();
  }

  /** A new random secret. */
  public static ClusterSecret generate() {
    byte[] bytes = new byte[BYTES];
    new SecureRandom().nextBytes(bytes);
    return new ClusterSecret(bytes);
  }

  /**
   * The secret written by {@link #encoded()}.
   *
   * @throws IllegalArgumentException if {@code encoded} is not the hex form of a secret
   */
  public static ClusterSecret fromEncoded(String encoded) {
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The cluster secret is not a hexadecimal string");
    }
    if (bytes.length < 16) {
      throw new IllegalArgumentException("The cluster secret is too short: " + bytes.length + " bytes, at least 16");
    }
    if (bytes.length > 1024) {
      throw new IllegalArgumentException("The cluster secret is too long: " + bytes.length + " bytes, at most 1024"
          + " (it travels in the handshake, whose frame holds " + FrameLimits.HANDSHAKE + " bytes)");
    }
    return new ClusterSecret(bytes);
  }

  /** The hex form, for handing to workers (a file readable by the cluster's user only, an environment variable). */
  public String encoded() {
    return HexFormat.of().formatHex(secret);
  }

  byte[] bytes() {
    return secret.clone();
  }

  /** True if {@code presented} is this secret; takes the same time wherever they differ. */
  boolean matches(byte[] presented) {
    return MessageDigest.isEqual(secret, presented);
  }

  /**
   * True if {@code presented} is this secret's {@link #encoded} form (letters in either case,
   * surrounding blanks ignored), as a REST client presents it; takes the same time wherever they
   * differ.
   */
  public boolean matchesEncoded(String presented) {
    return MessageDigest.isEqual(utf8(encoded()), utf8(presented.strip().toLowerCase(java.util.Locale.ROOT)));
  }

  @Override
  public String toString() {
    return "ClusterSecret(****)";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
