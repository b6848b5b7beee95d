package io.switchboard.auth.password;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Argon2id, version 0x13 (RFC 9106), that keeps its memory between hashes. BouncyCastle's generator
 * allocates the whole memory (m KiB as m small objects) for every hash: at 20 logins/s with m = 19
 * MiB that is 380 MiB/s of garbage that lives for the length of a hash, is promoted and ends in
 * full collections (bench/login: 364 full collections of 70-136 ms in 40 s of storm, which every
 * other request of the service waited for). One instance per hashing thread, never shared: not
 * thread-safe. The memory is zeroed after each hash; it grows to the largest cost seen up to {@link
 * #keptKib}, larger ones (an old hash with a higher cost) use a one-off array.
 *
 * <p>Checked against BouncyCastle's generator and RFC 9106's test vector (Argon2idTest).
 */
final class Argon2id {

  private static final int BLOCK_LONGS = 128;
  private static final int SYNC_POINTS = 4;
  private static final int TYPE_ID = 2;
  private static final int VERSION = 0x13;

  private final int keptKib;
  private long[] memory = new long[0];
  private final long[] r = new long[BLOCK_LONGS];
  private final long[] t = new long[BLOCK_LONGS];
  private final long[] zero = new long[BLOCK_LONGS];
  private final long[] input = new long[BLOCK_LONGS];
  private final long[] address = new long[BLOCK_LONGS];

  /**
   * @param keptKib the largest memory cost whose memory this instance keeps between hashes
   */
  Argon2id(int keptKib) {
    this.keptKib = keptKib;
  }

  /**
   * The tag of {@code password} and {@code salt} at the given cost.
   *
   * @throws IllegalArgumentException for a cost or length Argon2 does not allow
   */
  byte[] hash(
      byte[] password, byte[] salt, int memoryKib, int iterations, int lanes, int tagLength) {
    return hash(password, salt, memoryKib, iterations, lanes, tagLength, Pacer.NONE);
  }

  /**
   * The tag, with {@code pacer} told the duration of each segment (it may rest after it).
   *
   * @throws IllegalArgumentException for a cost or length Argon2 does not allow
   */
  byte[] hash(
      byte[] password,
      byte[] salt,
      int memoryKib,
      int iterations,
      int lanes,
      int tagLength,
      Pacer pacer) {
    if (lanes < 1 || lanes > 0xFFFFFF || iterations < 1 || tagLength < 4 || salt.length < 8) {
      throw new IllegalArgumentException("Argon2 parameters out of range");
    }
    if (memoryKib < 8 * lanes) {
      throw new IllegalArgumentException("Argon2 memory must be at least 8 KiB per lane");
    }
    int segment = memoryKib / (SYNC_POINTS * lanes);
    int laneLength = segment * SYNC_POINTS;
    int blocks = laneLength * lanes;
    long[] mem = arena(blocks);
    try {
      byte[] h0 = initialHash(password, salt, memoryKib, iterations, lanes, tagLength);
      for (int lane = 0; lane < lanes; lane++) {
        firstBlock(h0, 0, lane, mem, lane * laneLength);
        firstBlock(h0, 1, lane, mem, lane * laneLength + 1);
      }
      for (int pass = 0; pass < iterations; pass++) {
        for (int slice = 0; slice < SYNC_POINTS; slice++) {
          for (int lane = 0; lane < lanes; lane++) {
            long started = System.nanoTime();
            fillSegment(mem, pass, slice, lane, lanes, segment, laneLength, blocks, iterations);
            pacer.worked(System.nanoTime() - started);
          }
        }
      }
      long[] last =
          Arrays.copyOfRange(mem, (laneLength - 1) * BLOCK_LONGS, laneLength * BLOCK_LONGS);
      for (int lane = 1; lane < lanes; lane++) {
        int offset = (lane * laneLength + laneLength - 1) * BLOCK_LONGS;
        for (int i = 0; i < BLOCK_LONGS; i++) {
          last[i] ^= mem[offset + i];
        }
      }
      byte[] tag = variableHash(toBytes(last), tagLength);
      Arrays.fill(last, 0);
      return tag;
    } finally {
      Arrays.fill(mem, 0, blocks * BLOCK_LONGS, 0);
      Arrays.fill(r, 0);
      Arrays.fill(t, 0);
    }
  }

  private long[] arena(int blocks) {
    int longs = blocks * BLOCK_LONGS;
    if (memory.length >= longs) {
      return memory;
    }
    if (blocks > keptKib) {
      return new long[longs];
    }
    memory = new long[longs];
    return memory;
  }

  private static byte[] initialHash(
      byte[] password, byte[] salt, int memoryKib, int iterations, int lanes, int tagLength) {
    Blake2bDigest blake = new Blake2bDigest(512);
    for (int value : new int[] {lanes, tagLength, memoryKib, iterations, VERSION, TYPE_ID}) {
      updateInt(blake, value);
    }
    updateInt(blake, password.length);
    blake.update(password, 0, password.length);
    updateInt(blake, salt.length);
    blake.update(salt, 0, salt.length);
    updateInt(blake, 0); // no secret
    updateInt(blake, 0); // no associated data
    byte[] h0 = new byte[64];
    blake.doFinal(h0, 0);
    return h0;
  }

  private static void firstBlock(byte[] h0, int column, int lane, long[] mem, int block) {
    byte[] seed = Arrays.copyOf(h0, 72);
    putInt(seed, 64, column);
    putInt(seed, 68, lane);
    byte[] bytes = variableHash(seed, BLOCK_LONGS * 8);
    for (int i = 0; i < BLOCK_LONGS; i++) {
      mem[block * BLOCK_LONGS + i] = getLong(bytes, i * 8);
    }
    Arrays.fill(bytes, (byte) 0);
  }

  private void fillSegment(
      long[] mem,
      int pass,
      int slice,
      int lane,
      int lanes,
      int segment,
      int laneLength,
      int blocks,
      int iterations) {
    boolean independent = pass == 0 && slice < SYNC_POINTS / 2;
    if (independent) {
      Arrays.fill(input, 0);
      input[0] = pass;
      input[1] = lane;
      input[2] = slice;
      input[3] = blocks;
      input[4] = iterations;
      input[5] = TYPE_ID;
    }
    int start = 0;
    if (pass == 0 && slice == 0) {
      start = 2;
      if (independent) {
        nextAddresses();
      }
    }
    int current = lane * laneLength + slice * segment + start;
    int previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1;
    for (int index = start; index < segment; index++, current++, previous++) {
      if (current % laneLength == 1) {
        previous = current - 1;
      }
      long random;
      if (independent) {
        if (index % BLOCK_LONGS == 0) {
          nextAddresses();
        }
        random = address[index % BLOCK_LONGS];
      } else {
        random = mem[previous * BLOCK_LONGS];
      }
      int refLane = (int) ((random >>> 32) % lanes);
      if (pass == 0 && slice == 0) {
        refLane = lane;
      }
      int refIndex =
          referenceIndex(pass, slice, index, segment, laneLength, random, refLane == lane);
      compress(
          mem,
          previous * BLOCK_LONGS,
          mem,
          (refLane * laneLength + refIndex) * BLOCK_LONGS,
          mem,
          current * BLOCK_LONGS,
          pass > 0);
    }
  }

  private static int referenceIndex(
      int pass, int slice, int index, int segment, int laneLength, long random, boolean sameLane) {
    long area;
    if (pass == 0) {
      if (slice == 0) {
        area = index - 1;
      } else if (sameLane) {
        area = (long) slice * segment + index - 1;
      } else {
        area = (long) slice * segment + (index == 0 ? -1 : 0);
      }
    } else if (sameLane) {
      area = laneLength - segment + index - 1;
    } else {
      area = laneLength - segment + (index == 0 ? -1 : 0);
    }
    long relative = random & 0xFFFFFFFFL;
    relative = (relative * relative) >>> 32;
    relative = area - 1 - ((area * relative) >>> 32);
    long startPosition = pass == 0 || slice == SYNC_POINTS - 1 ? 0 : (long) (slice + 1) * segment;
    return (int) ((startPosition + relative) % laneLength);
  }

  private void nextAddresses() {
    input[6]++;
    compress(zero, 0, input, 0, address, 0, false);
    compress(zero, 0, address, 0, address, 0, false);
  }

  /**
   * The compression function G: {@code out = P(x ^ y) ^ (x ^ y)}, XORed into what {@code out} held
   * when {@code xor} (passes after the first).
   */
  private void compress(
      long[] x, int xOff, long[] y, int yOff, long[] out, int outOff, boolean xor) {
    for (int i = 0; i < BLOCK_LONGS; i++) {
      r[i] = x[xOff + i] ^ y[yOff + i];
    }
    System.arraycopy(r, 0, t, 0, BLOCK_LONGS);
    for (int i = 0; i < 8; i++) {
      int b = 16 * i;
      round(
          t, b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, b + 9, b + 10, b + 11,
          b + 12, b + 13, b + 14, b + 15);
    }
    for (int i = 0; i < 8; i++) {
      int b = 2 * i;
      round(
          t, b, b + 1, b + 16, b + 17, b + 32, b + 33, b + 48, b + 49, b + 64, b + 65, b + 80,
          b + 81, b + 96, b + 97, b + 112, b + 113);
    }
    if (xor) {
      for (int i = 0; i < BLOCK_LONGS; i++) {
        out[outOff + i] ^= t[i] ^ r[i];
      }
    } else {
      for (int i = 0; i < BLOCK_LONGS; i++) {
        out[outOff + i] = t[i] ^ r[i];
      }
    }
  }

  private static void round(
      long[] v,
      int v0,
      int v1,
      int v2,
      int v3,
      int v4,
      int v5,
      int v6,
      int v7,
      int v8,
      int v9,
      int v10,
      int v11,
      int v12,
      int v13,
      int v14,
      int v15) {
    mix(v, v0, v4, v8, v12);
    mix(v, v1, v5, v9, v13);
    mix(v, v2, v6, v10, v14);
    mix(v, v3, v7, v11, v15);
    mix(v, v0, v5, v10, v15);
    mix(v, v1, v6, v11, v12);
    mix(v, v2, v7, v8, v13);
    mix(v, v3, v4, v9, v14);
  }

  private static void mix(long[] v, int a, int b, int c, int d) {
    long va = v[a];
    long vb = v[b];
    long vc = v[c];
    long vd = v[d];
    va = blaMka(va, vb);
    vd = Long.rotateRight(vd ^ va, 32);
    vc = blaMka(vc, vd);
    vb = Long.rotateRight(vb ^ vc, 24);
    va = blaMka(va, vb);
    vd = Long.rotateRight(vd ^ va, 16);
    vc = blaMka(vc, vd);
    vb = Long.rotateRight(vb ^ vc, 63);
    v[a] = va;
    v[b] = vb;
    v[c] = vc;
    v[d] = vd;
  }

  private static long blaMka(long x, long y) {
    return x + y + 2 * (x & 0xFFFFFFFFL) * (y & 0xFFFFFFFFL);
  }

  /** H' of RFC 9106 section 3.3: BLAKE2b stretched to {@code length} bytes. */
  private static byte[] variableHash(byte[] in, int length) {
    byte[] out = new byte[length];
    byte[] prefix = new byte[4];
    putInt(prefix, 0, length);
    if (length <= 64) {
      Blake2bDigest blake = new Blake2bDigest(length * 8);
      blake.update(prefix, 0, 4);
      blake.update(in, 0, in.length);
      blake.doFinal(out, 0);
      return out;
    }
    Blake2bDigest blake = new Blake2bDigest(512);
    byte[] v = new byte[64];
    blake.update(prefix, 0, 4);
    blake.update(in, 0, in.length);
    blake.doFinal(v, 0);
    System.arraycopy(v, 0, out, 0, 32);
    int position = 32;
    int r = (length + 31) / 32 - 2;
    for (int i = 2; i <= r; i++) {
      blake.update(v, 0, 64);
      blake.doFinal(v, 0);
      System.arraycopy(v, 0, out, position, 32);
      position += 32;
    }
    int rest = length - 32 * r;
    Blake2bDigest tail = new Blake2bDigest(rest * 8);
    tail.update(v, 0, 64);
    tail.doFinal(out, position);
    return out;
  }

  private static byte[] toBytes(long[] block) {
    byte[] out = new byte[block.length * 8];
    for (int i = 0; i < block.length; i++) {
      long value = block[i];
      for (int k = 0; k < 8; k++) {
        out[i * 8 + k] = (byte) (value >>> (8 * k));
      }
    }
    return out;
  }

  private static long getLong(byte[] b, int off) {
    long value = 0;
    for (int k = 7; k >= 0; k--) {
      value = (value << 8) | (b[off + k] & 0xFF);
    }
    return value;
  }

  private static void updateInt(Blake2bDigest blake, int value) {
    byte[] le = new byte[4];
    putInt(le, 0, value);
    blake.update(le, 0, 4);
  }

  private static void putInt(byte[] b, int off, int value) {
    b[off] = (byte) value;
    b[off + 1] = (byte) (value >>> 8);
    b[off + 2] = (byte) (value >>> 16);
    b[off + 3] = (byte) (value >>> 24);
  }
}
