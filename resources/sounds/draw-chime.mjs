// Writes the new-message sound, a soft two-tone chime (a high note falling a fourth, QQ-like but
// our own), into this folder:
//   node resources/sounds/draw-chime.mjs
// Plain 16-bit mono PCM WAV: Chromium plays it everywhere, and no encoder is needed. The file
// is committed; this script only redraws it (deterministic: same bytes every time).
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const RATE = 22_050
const LENGTH_S = 0.6
/** Each note: when it starts, its pitch, how loud, how fast it fades (per second). */
const NOTES = [
  { at: 0, hz: 1318.5, gain: 0.3, decay: 9 }, // E6
  { at: 0.13, hz: 987.8, gain: 0.34, decay: 7 }, // B5
]
/** A few milliseconds of attack, so a note never clicks in. */
const ATTACK_S = 0.006

const samples = new Int16Array(Math.round(RATE * LENGTH_S))
for (let i = 0; i < samples.length; i++) {
  const t = i / RATE
  let v = 0
  for (const n of NOTES) {
    const u = t - n.at
    if (u < 0) continue
    const envelope = Math.min(1, u / ATTACK_S) * Math.exp(-n.decay * u)
    // The fundamental with a quiet octave above: a bell-ish, soft tone.
    v += n.gain * envelope * (Math.sin(2 * Math.PI * n.hz * u) + 0.18 * Math.sin(4 * Math.PI * n.hz * u))
  }
  // The last 30 ms fade to silence: the file ends on zero.
  const tail = Math.min(1, (LENGTH_S - t) / 0.03)
  samples[i] = Math.round(Math.max(-1, Math.min(1, v * tail)) * 32_767)
}

const data = Buffer.from(samples.buffer)
const header = Buffer.alloc(44)
header.write('RIFF', 0, 'ascii')
header.writeUInt32LE(36 + data.length, 4)
header.write('WAVE', 8, 'ascii')
header.write('fmt ', 12, 'ascii')
header.writeUInt32LE(16, 16) // PCM chunk size
header.writeUInt16LE(1, 20) // PCM
header.writeUInt16LE(1, 22) // mono
header.writeUInt32LE(RATE, 24)
header.writeUInt32LE(RATE * 2, 28) // bytes per second
header.writeUInt16LE(2, 32) // block align
header.writeUInt16LE(16, 34) // bits per sample
header.write('data', 36, 'ascii')
header.writeUInt32LE(data.length, 40)

const out = join(dirname(fileURLToPath(import.meta.url)), 'message.wav')
writeFileSync(out, Buffer.concat([header, data]))
console.log(`wrote ${out} (${44 + data.length} bytes)`)
