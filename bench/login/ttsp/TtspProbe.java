package io.switchboard.auth.password;

/**
 * How long a JVM waits to reach a safepoint (every GC needs one) while a password-hashing thread of
 * the given niceness runs: one thread hashes Argon2id (m=19 MiB, t=2) in a loop, the main thread
 * allocates so young collections happen. Run by bench/login/ttsp.sh with -Xlog:safepoint.
 * Arguments: niceness [seconds] [bc] (bc: BouncyCastle's generator instead of the platform's own).
 */
public class TtspProbe {
  static volatile Object sink;
  public static void main(String[] args) throws Exception {
    int nice = Integer.parseInt(args[0]);
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
    boolean bc = args.length > 2 && args[2].equals("bc");
    Thread hasher = new Thread(() -> {
      ThreadNiceness.lowerCurrentThread(nice);
      Argon2id a = new Argon2id(19456);
      byte[] salt = "saltsaltsaltsalt".getBytes();
      while (true) {
        if (bc) Argon2idTest.bouncyCastle("pw".getBytes(), salt, 19456, 2, 1, 32);
        else a.hash("pw".getBytes(), salt, 19456, 2, 1, 32);
      }
    }, "argon2");
    hasher.setDaemon(true);
    hasher.start();
    long end = System.currentTimeMillis() + seconds * 1000;
    while (System.currentTimeMillis() < end) {
      for (int i = 0; i < 2000; i++) sink = new byte[1024];
      Thread.sleep(1);
    }
  }
}
