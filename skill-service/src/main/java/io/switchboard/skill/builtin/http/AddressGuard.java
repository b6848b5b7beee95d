package io.switchboard.skill.builtin.http;

import io.switchboard.skill.config.HttpToolConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether the {@code http} skill may fetch a URL: http(s) only, the host on the allow-list
 * (when one is configured), and every address the host resolves to public, unless the host is
 * listed in {@code allowed-private-hosts}. Checked again for every redirect.
 */
@ApplicationScoped
public class AddressGuard {

  /** Why a URL is refused; the message is shown to the caller. */
  public static class Refused extends Exception {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }

  private static final java.util.regex.Pattern NUMERIC_HOST =
      java.util.regex.Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");
  private static final java.util.regex.Pattern CANONICAL_IPV4 =
      java.util.regex.Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

  private final HttpToolConfig config;

  public AddressGuard(HttpToolConfig config) {
    this.config = config;
  }

  public void check(URI url) throws Refused {
    check(url, config.allowedHosts(), config.allowedPrivateHosts().orElse(List.of()));
  }

  /** The same rules with other lists (webhook targets of hooks have their own). */
  public void check(URI url, Optional<List<String>> allowedHosts, List<String> allowedPrivate)
      throws Refused {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Refused("Only http and https URLs can be fetched");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw new Refused("The URL has no host");
    }
    host = host.toLowerCase(Locale.ROOT);
    if (allowedHosts.isPresent() && !matches(host, allowedHosts.get())) {
      throw new Refused("The host " + host + " is not on the allow-list");
    }
    if (matches(host, allowedPrivate)) {
      return;
    }
    if (ambiguousNumeric(host)) {
      throw new Refused(
          "The host "
              + host
              + " is a numeric address in a non-canonical form (octal, hex or short)");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(stripBrackets(host));
    } catch (UnknownHostException e) {
      throw new Refused("The host " + host + " does not resolve");
    }
    for (InetAddress address : addresses) {
      String reason = nonPublic(address);
      if (reason != null) {
        throw new Refused(
            "The host " + host + " resolves to " + reason + " " + address.getHostAddress());
      }
    }
  }

  /**
   * A host made of numbers only (decimal, octal with a leading zero, hex {@code 0x..}) that is not
   * a canonical dotted quad: {@code 0177.0.0.1}, {@code 0x7f000001}, {@code 2130706433}, {@code
   * 127.1}. URL parsers disagree on what such a host is (Java reads {@code 0177.0.0.1} as
   * 177.0.0.1, curl and browsers as 127.0.0.1), so none is fetched.
   */
  static boolean ambiguousNumeric(String host) {
    return NUMERIC_HOST.matcher(host).matches() && !CANONICAL_IPV4.matcher(host).matches();
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  static boolean matches(String host, List<String> patterns) {
    for (String pattern : patterns) {
      String p = pattern.trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("*.") ? host.endsWith(p.substring(1)) : host.equals(p)) {
        return true;
      }
    }
    return false;
  }

  /** Why an address is not public, or {@code null} when it is. */
  static String nonPublic(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local (metadata) address";
    }
    if (address.isSiteLocalAddress() || address.isAnyLocalAddress()) {
      return "a private address";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240) {
        return "a reserved address";
      }
      if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
        return "a reserved address";
      }
    } else if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return "a private address";
      }
      byte[] embedded = null;
      if (isMappedOrCompatibleV4(b) || isNat64(b)) {
        embedded = java.util.Arrays.copyOfRange(b, 12, 16);
      } else if (b[0] == 0x20 && b[1] == 0x02) {
        embedded = java.util.Arrays.copyOfRange(b, 2, 6); // 6to4 2002:aabb:ccdd::/48
      }
      if (embedded != null) {
        try {
          return nonPublic(InetAddress.getByAddress(embedded));
        } catch (UnknownHostException e) {
          return "an unusable address";
        }
      }
    }
    return null;
  }

  /** NAT64: the well-known prefix 64:ff9b::/96 and the local-use 64:ff9b:1::/48. */
  private static boolean isNat64(byte[] b) {
    return b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
  }

  private static boolean isMappedOrCompatibleV4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
  }
}
