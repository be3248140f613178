import { randomBytes } from 'node:crypto'

/**
 * QQ-TEA (§4.3 encoding C): Tencent's 16-round TEA (big-endian words, 128-bit key) in the
 * framing of the QQ desktop protocol, which ptlogin's browser script reused:
 *
 *   header   1 byte: random high 5 bits | padLen (0–7)
 *   fill     padLen random bytes, then 2 more random bytes
 *   data     the plaintext
 *   trailer  7 zero bytes
 *
 * padLen makes the whole a multiple of 8. Blocks are chained: each 8-byte block is XORed with
 * the previous ciphertext block before TEA, and the TEA output with the previous (pre-TEA)
 * block after it.
 */

const DELTA = 0x9e3779b9
const ROUNDS = 16
const BLOCK = 8
const TRAILER = 7

type Key = readonly [number, number, number, number]
type Block = [number, number]

function keyWords(key: Uint8Array): Key {
  if (key.length !== 16) throw new RangeError(`QQ-TEA needs a 16-byte key, got ${key.length}`)
  const b = Buffer.from(key.buffer, key.byteOffset, key.length)
  return [b.readUInt32BE(0), b.readUInt32BE(4), b.readUInt32BE(8), b.readUInt32BE(12)]
}

// Additions stay below 2^34, exact in a double; `^` and `>>> 0` take them back to 32 bits.
function encipher([y, z]: Block, [a, b, c, d]: Key): Block {
  let sum = 0
  for (let i = 0; i < ROUNDS; i++) {
    sum = (sum + DELTA) >>> 0
    y = (y + (((z << 4) + a) ^ (z + sum) ^ ((z >>> 5) + b))) >>> 0
    z = (z + (((y << 4) + c) ^ (y + sum) ^ ((y >>> 5) + d))) >>> 0
  }
  return [y, z]
}

function decipher([y, z]: Block, [a, b, c, d]: Key): Block {
  let sum = (DELTA * ROUNDS) >>> 0
  for (let i = 0; i < ROUNDS; i++) {
    z = (z - (((y << 4) + c) ^ (y + sum) ^ ((y >>> 5) + d))) >>> 0
    y = (y - (((z << 4) + a) ^ (z + sum) ^ ((z >>> 5) + b))) >>> 0
    sum = (sum - DELTA) >>> 0
  }
  return [y, z]
}

const xor = (p: Block, q: Block): Block => [(p[0] ^ q[0]) >>> 0, (p[1] ^ q[1]) >>> 0]
const read = (buf: Buffer, at: number): Block => [buf.readUInt32BE(at), buf.readUInt32BE(at + 4)]
function write(buf: Buffer, at: number, [y, z]: Block): void {
  buf.writeUInt32BE(y, at)
  buf.writeUInt32BE(z, at + 4)
}

/** Fill bytes in the header for a plaintext of `length` bytes. */
function padLength(length: number): number {
  return (BLOCK - ((length + 3 + TRAILER) % BLOCK)) % BLOCK
}

/** Ciphertext length for a plaintext of `length` bytes. */
export function qqTeaLength(length: number): number {
  return 3 + padLength(length) + length + TRAILER
}

/**
 * Encrypts. `random(n)` supplies the header's n random bytes (its first byte gives the header's
 * high bits); tests pass a fixed source to compare with known answers.
 */
export function qqTeaEncrypt(plain: Uint8Array, key: Uint8Array, random: (n: number) => Uint8Array = randomBytes): Buffer {
  const k = keyWords(key)
  const pad = padLength(plain.length)
  const framed = Buffer.alloc(qqTeaLength(plain.length))
  const head = random(3 + pad)
  framed.set(head.subarray(0, 3 + pad), 0)
  framed[0] = (head[0]! & 0xf8) | pad
  framed.set(plain, 3 + pad)

  const out = Buffer.alloc(framed.length)
  let prevCipher: Block = [0, 0]
  let prevMixed: Block = [0, 0]
  for (let at = 0; at < framed.length; at += BLOCK) {
    const mixed = xor(read(framed, at), prevCipher)
    const cipher = xor(encipher(mixed, k), prevMixed)
    write(out, at, cipher)
    prevCipher = cipher
    prevMixed = mixed
  }
  return out
}

/** Decrypts; a RangeError when the input is not QQ-TEA ciphertext under this key. */
export function qqTeaDecrypt(cipher: Uint8Array, key: Uint8Array): Buffer {
  const k = keyWords(key)
  const input = Buffer.from(cipher.buffer, cipher.byteOffset, cipher.length)
  if (input.length < 2 * BLOCK || input.length % BLOCK !== 0) throw new RangeError('QQ-TEA ciphertext has a bad length')
  const framed = Buffer.alloc(input.length)
  let prevCipher: Block = [0, 0]
  let prevMixed: Block = [0, 0]
  for (let at = 0; at < input.length; at += BLOCK) {
    const c = read(input, at)
    const mixed = decipher(xor(c, prevMixed), k)
    write(framed, at, xor(mixed, prevCipher))
    prevCipher = c
    prevMixed = mixed
  }
  const start = 3 + (framed[0]! & 0x07)
  const end = framed.length - TRAILER
  if (start > end || framed.subarray(end).some((b) => b !== 0)) throw new RangeError('QQ-TEA ciphertext does not decrypt under this key')
  return framed.subarray(start, end)
}
