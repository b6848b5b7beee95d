package io.switchboard.auth.jwks.service;

import io.quarkus.runtime.Startup;
import io.switchboard.auth.config.SigningConfig;
import io.switchboard.defaults.security.SecretFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The key auth-service signs tokens with. Loaded at start-up from the configured PEM (a Kubernetes
 * Secret in production), or from the data directory's key file, which is generated once when it is
 * missing and generation is allowed (dev and the local stack). A missing key that may not be
 * generated stops the service: it must never sign with a throwaway key.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

  private static final Logger LOG = Logger.getLogger(SigningKeys.class);
  private static final String PEM_HEADER = PemKeys.PKCS8_HEADER;
  private static final String PEM_FOOTER = PemKeys.PKCS8_FOOTER;

  private final SigningKey active;
  private final List<SigningKey> published;

  public SigningKeys(SigningConfig config) {
    this.active = load(config);
    this.published = published(active, config);
    LOG.infof("Signing tokens with key %s; %d key(s) published", active.kid(), published.size());
  }

  /** The key new tokens are signed with. */
  public SigningKey active() {
    return active;
  }

  /** The keys the JWKS lists: the active one first, then the retired ones still trusted. */
  public List<SigningKey> published() {
    return published;
  }

  static List<SigningKey> published(SigningKey active, SigningConfig config) {
    List<SigningKey> keys = new ArrayList<>();
    keys.add(active);
    for (Path retired : config.retiredKeyLocations().orElse(List.of())) {
      SigningKey key = read(retired);
      if (keys.stream().noneMatch(k -> k.kid().equals(key.kid()))) {
        keys.add(key);
      }
    }
    return List.copyOf(keys);
  }

  static SigningKey load(SigningConfig config) {
    if (config.privateKeyLocation().isPresent()) {
      return read(config.privateKeyLocation().get());
    }
    Path file = config.keyFile();
    if (Files.exists(file)) {
      return read(file);
    }
    if (!config.generateIfMissing()) {
      throw new IllegalStateException(
          "No signing key: set switchboard.auth.signing.private-key-location or provide " + file);
    }
    return generate(file);
  }

  private static SigningKey read(Path pemFile) {
    try {
      String pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
      byte[] der = PemKeys.pkcs8(pem);
      if (der == null) {
        throw new IllegalStateException(pemFile + " is not a PKCS#8 or PKCS#1 PEM private key");
      }
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      return withPublicHalf(key);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the signing key " + pemFile, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(pemFile + " does not hold a usable RSA private key", e);
    }
  }

  private static SigningKey generate(Path file) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      PrivateKey key = generator.generateKeyPair().getPrivate();
      String pem =
          PEM_HEADER
              + "\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
              + "\n"
              + PEM_FOOTER
              + "\n";
      SecretFiles.writeOwnerOnly(file, pem);
      LOG.infof("Generated a new signing key in %s", file);
      return withPublicHalf(key);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the signing key " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is always available", e);
    }
  }

  private static SigningKey withPublicHalf(PrivateKey key) throws GeneralSecurityException {
    if (!(key instanceof RSAPrivateCrtKey crt)) {
      throw new IllegalStateException("The signing key must be an RSA private key with CRT fields");
    }
    RSAPublicKey publicKey =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    return SigningKey.of(key, publicKey);
  }
}
