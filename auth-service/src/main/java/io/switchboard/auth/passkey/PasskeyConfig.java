package io.switchboard.auth.passkey;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The WebAuthn relying party: who we are to authenticators, and what we demand of them. */
@ConfigMapping(prefix = "switchboard.auth.passkey")
public interface PasskeyConfig {

  /** The relying party id: the registrable domain the passkeys are bound to. */
  @WithDefault("localhost")
  String rpId();

  /** The name authenticators show. */
  @WithDefault("Switchboard")
  String rpName();

  /** The origins (scheme://host[:port]) the browser may report in clientDataJSON. */
  @WithDefault("http://localhost:3005")
  List<String> origins();

  /** {@code preferred}, {@code required} or {@code discouraged}. */
  @WithDefault("preferred")
  UserVerification userVerification();

  /** How long a ceremony's challenge can be used. */
  @WithDefault("PT5M")
  Duration challengeLifetime();

  /** The user verification policy, as WebAuthn spells it. */
  enum UserVerification {
    PREFERRED,
    REQUIRED,
    DISCOURAGED;

    /** The wire form: {@code preferred}, {@code required} or {@code discouraged}. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
