package io.switchboard.auth.totp.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The {@code otpauth://totp/...} URL that authenticator apps import (Key Uri Format). */
public final class OtpauthUrl {

  private OtpauthUrl() {}

  public static String of(String issuer, String account, String base32Secret, TotpGenerator totp) {
    String encodedIssuer = encode(issuer);
    return "otpauth://totp/"
        + encodedIssuer
        + ":"
        + encode(account)
        + "?secret="
        + base32Secret
        + "&issuer="
        + encodedIssuer
        + "&algorithm="
        + totp.algorithm().name()
        + "&digits="
        + totp.digits()
        + "&period="
        + totp.periodSeconds();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
