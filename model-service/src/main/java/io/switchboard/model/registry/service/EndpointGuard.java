package io.switchboard.model.registry.service;

import io.switchboard.defaults.problem.ProblemException;
import io.switchboard.model.config.ModelsConfig;
import io.switchboard.model.config.ModelsConfig.EndpointPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps model endpoints (and everything the service calls on a user's behalf) away from addresses
 * it must never reach: link-local and cloud metadata addresses always (unless the policy is {@code
 * all}), loopback and private ranges unless the policy allows them (it does by default, for
 * self-hosted Ollama or LM Studio). Checked when a model is saved and again before every call.
 */
@ApplicationScoped
public class EndpointGuard {

  private static final Set<String> METADATA_HOSTS =
      Set.of(
          "metadata.google.internal",
          "metadata.goog",
          "metadata",
          "instance-data",
          "instance-data.ec2.internal",
          "metadata.azure.internal");
  private static final Set<String> METADATA_ADDRESSES =
      Set.of("169.254.169.254", "fd00:ec2:0:0:0:0:0:254", "100.100.100.200", "192.0.0.192");

  private static final java.util.regex.Pattern NUMERIC_HOST =
      java.util.regex.Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");
  private static final java.util.regex.Pattern CANONICAL_IPV4 =
      java.util.regex.Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

  private final EndpointPolicy policy;

  public EndpointGuard(ModelsConfig config) {
    this.policy = config.allowPrivateEndpoints();
  }

  /** The parsed endpoint, or 400 {@code invalid_endpoint} / {@code endpoint_not_allowed}. */
  public URI check(String endpoint) {
    URI uri = parse(endpoint);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (policy != EndpointPolicy.ALL && METADATA_HOSTS.contains(host)) {
      throw refused(host, "a cloud metadata service");
    }
    if (policy != EndpointPolicy.ALL && ambiguousNumeric(host)) {
      throw refused(host, "a numeric address in a non-canonical form (octal, hex or short)");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      // Not resolvable from here (yet): checked again before every call.
      return uri;
    }
    for (InetAddress address : addresses) {
      String why = forbidden(address);
      if (why != null) {
        throw refused(host, why);
      }
    }
    return uri;
  }

  private String forbidden(InetAddress address) {
    if (policy == EndpointPolicy.ALL) {
      return null;
    }
    InetAddress embedded = embeddedIpv4(address);
    if (embedded != null) {
      String why = forbidden(embedded);
      if (why != null) {
        return why;
      }
    }
    if (METADATA_ADDRESSES.contains(address.getHostAddress())) {
      return "a cloud metadata service";
    }
    if (address.isLinkLocalAddress() || address.isMulticastAddress()) {
      return "a link-local or multicast address";
    }
    if (policy == EndpointPolicy.PRIVATE) {
      return null;
    }
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
      return "a loopback address";
    }
    if (address.isSiteLocalAddress() || uniqueLocal(address) || carrierGrade(address)) {
      return "a private address";
    }
    return null;
  }

  /**
   * A host made of numbers only (decimal, octal with a leading zero, hex {@code 0x..}) that is not
   * a canonical dotted quad: {@code 0177.0.0.1}, {@code 0x7f000001}, {@code 2130706433}, {@code
   * 127.1}. URL parsers disagree on what such a host is (Java reads {@code 0177.0.0.1} as
   * 177.0.0.1, curl and browsers as 127.0.0.1), so none is accepted.
   */
  static boolean ambiguousNumeric(String host) {
    return NUMERIC_HOST.matcher(host).matches() && !CANONICAL_IPV4.matcher(host).matches();
  }

  /**
   * The IPv4 address an IPv6 one carries and may be routed to: IPv4-compatible {@code ::a.b.c.d},
   * NAT64 {@code 64:ff9b::a.b.c.d} and 6to4 {@code 2002:aabb:ccdd::} (IPv4-mapped ones are already
   * IPv4 addresses in Java); {@code null} for any other address.
   */
  static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return null;
    }
    byte[] b = address.getAddress();
    byte[] v4 = null;
    if (b[0] == 0x20 && b[1] == 0x02) {
      v4 = java.util.Arrays.copyOfRange(b, 2, 6);
    } else if (zero(b, 0, 12) && !zero(b, 12, 16)) {
      v4 = java.util.Arrays.copyOfRange(b, 12, 16);
    } else if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
      v4 = java.util.Arrays.copyOfRange(b, 12, 16);
    }
    if (v4 == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(v4);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean zero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean uniqueLocal(InetAddress address) {
    return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
  }

  private static boolean carrierGrade(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
  }

  private static URI parse(String endpoint) {
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw invalid("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid("must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw invalid("must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalid("must not carry credentials (keep them in the vault)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid("must not carry a query or fragment");
    }
    return uri;
  }

  private static ProblemException invalid(String why) {
    return ProblemException.of(400, "invalid_endpoint", "Invalid endpoint", "The endpoint " + why);
  }

  private static ProblemException refused(String host, String why) {
    return ProblemException.of(
        400,
        "endpoint_not_allowed",
        "Endpoint not allowed",
        "The endpoint host "
            + host
            + " is "
            + why
            + "; refused (switchboard.models.allow-private-endpoints)");
  }
}
