package io.switchboard.auth.password;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The wire between auth-service and its hashing process ({@link Argon2Worker}), over the child's
 * standard input and output: big-endian ints and length-prefixed bytes. The child announces itself
 * with {@link #HELLO} once it is warm, then answers each request with its id, in any order.
 *
 * <pre>
 * request:  id, memoryKib, iterations, lanes, tagLength, password bytes, salt bytes
 * response: id, status (OK or FAILED), tag bytes or a UTF-8 reason
 * </pre>
 */
final class HashingFrames {

  /** First int the child writes, when it is ready: "ARG2". */
  static final int HELLO = 0x41524732;

  static final int OK = 0;
  static final int FAILED = 1;

  /** No password, salt, tag or reason is longer: a longer length means the stream is corrupt. */
  static final int MAX_BYTES = 64 * 1024;

  private HashingFrames() {}

  /** One hash to compute. */
  record Request(
      int id,
      int memoryKib,
      int iterations,
      int lanes,
      int tagLength,
      byte[] password,
      byte[] salt) {

    void write(DataOutputStream out) throws IOException {
      out.writeInt(id);
      out.writeInt(memoryKib);
      out.writeInt(iterations);
      out.writeInt(lanes);
      out.writeInt(tagLength);
      writeBytes(out, password);
      writeBytes(out, salt);
    }

    static Request read(DataInputStream in) throws IOException {
      return new Request(
          in.readInt(),
          in.readInt(),
          in.readInt(),
          in.readInt(),
          in.readInt(),
          readBytes(in),
          readBytes(in));
    }
  }

  /** The answer to request {@code id}: a tag when {@code status} is OK, else the reason. */
  record Response(int id, int status, byte[] body) {

    void write(DataOutputStream out) throws IOException {
      out.writeInt(id);
      out.writeInt(status);
      writeBytes(out, body);
    }

    static Response read(DataInputStream in) throws IOException {
      return new Response(in.readInt(), in.readInt(), readBytes(in));
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_BYTES) {
      throw new IOException("Corrupt hashing frame: length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }
}
