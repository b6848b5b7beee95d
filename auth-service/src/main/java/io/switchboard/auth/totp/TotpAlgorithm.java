package io.switchboard.auth.totp;

/** The HMAC functions RFC 6238 allows, by their otpauth name. */
public enum TotpAlgorithm {
  SHA1("HmacSHA1"),
  SHA256("HmacSHA256"),
  SHA512("HmacSHA512");

  private final String mac;

  TotpAlgorithm(String mac) {
    this.mac = mac;
  }

  /** The JCA name of the MAC. */
  public String mac() {
    return mac;
  }
}
