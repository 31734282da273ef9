package org.marsad.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable content hashes for identifiers. */
public final class Hashes {
  private Hashes() {}

  /** The first 128 bits of SHA-256 of the parts joined by U+0001, as 32 hex digits. */
  public static String id(String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          md.update((byte) 1);
        }
        md.update(parts[i].getBytes(StandardCharsets.UTF_8));
      }
      byte[] d = md.digest();
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
