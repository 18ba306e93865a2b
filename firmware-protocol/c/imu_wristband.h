/*
 * imu_wristband.h - header-only reference encoder for IMU Companion wristband protocol v1
 * and the legacy Simblee wristband format. See firmware-protocol/PROTOCOL.md.
 *
 * Copyright 2026 The IMU Companion authors. Licensed under the Apache License, Version 2.0.
 *
 * Plain C99, no allocation, no dependencies beyond <stdint.h>, <stddef.h> and <stdbool.h>:
 * drop it into Arduino or nRF5 firmware. All multi-byte fields are little-endian, written byte
 * by byte, so the host's endianness does not matter. The Java decoder and this encoder are
 * checked against the same vectors (firmware-protocol/test-vectors/ JSON files) on every build.
 */
#ifndef IMU_WRISTBAND_H
#define IMU_WRISTBAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IMUW_VERSION 1u
#define IMUW_HEADER_LENGTH 8u
#define IMUW_MAX_SAMPLES 31u
#define IMUW_FLAG_MAG 0x01u
#define IMUW_FLAG_CRC 0x02u
#define IMUW_CONFIG_LENGTH 8u
#define IMUW_LEGACY_LENGTH 32u

/* Service and characteristic UUIDs (PROTOCOL.md §2.1), as strings for BLE stacks that take them. */
#define IMUW_UUID_SERVICE "0e5a0001-8c4b-4d9e-a1f3-7b2c6d5e4f30"
#define IMUW_UUID_DATA    "0e5a0002-8c4b-4d9e-a1f3-7b2c6d5e4f30"
#define IMUW_UUID_CONFIG  "0e5a0003-8c4b-4d9e-a1f3-7b2c6d5e4f30"
#define IMUW_UUID_CONTROL "0e5a0004-8c4b-4d9e-a1f3-7b2c6d5e4f30"
#define IMUW_UUID_LEGACY_DATA "2d30c082-f39f-4ce6-923f-3484ea480596"

/* Control opcodes (PROTOCOL.md §2.6). */
#define IMUW_CTRL_START_STREAM 0x01u
#define IMUW_CTRL_STOP_STREAM 0x02u
#define IMUW_CTRL_IDENTIFY 0x03u

/* One sample in raw counts, as read from the MPU9250 (mag already in the accel/gyro frame). */
typedef struct {
  int16_t ax, ay, az;
  int16_t gx, gy, gz;
  int16_t mx, my, mz; /* ignored unless the packet is 9-axis */
} imuw_sample_t;

static inline void imuw_put_u16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)(v & 0xFFu);
  p[1] = (uint8_t)(v >> 8);
}

static inline void imuw_put_u32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v & 0xFFu);
  p[1] = (uint8_t)((v >> 8) & 0xFFu);
  p[2] = (uint8_t)((v >> 16) & 0xFFu);
  p[3] = (uint8_t)(v >> 24);
}

static inline void imuw_put_i16(uint8_t *p, int16_t v) { imuw_put_u16(p, (uint16_t)v); }

/* CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR ("123456789" -> 0x29B1). */
static inline uint16_t imuw_crc16(const uint8_t *data, size_t length) {
  uint16_t crc = 0xFFFFu;
  for (size_t i = 0; i < length; i++) {
    crc ^= (uint16_t)((uint16_t)data[i] << 8);
    for (int bit = 0; bit < 8; bit++) {
      crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
    }
  }
  return crc;
}

/* Bytes in a data packet with n samples. */
static inline size_t imuw_packet_length(uint8_t n, bool mag, bool crc) {
  return IMUW_HEADER_LENGTH + (size_t)n * (mag ? 18u : 12u) + (crc ? 2u : 0u);
}

/* Samples that fit one notification at an ATT MTU (value = MTU - 3 bytes); 0 if none fits. */
static inline uint8_t imuw_max_samples(uint16_t att_mtu, bool mag, bool crc) {
  int room = (int)att_mtu - 3 - (int)IMUW_HEADER_LENGTH - (crc ? 2 : 0);
  int n = room < 0 ? 0 : room / (mag ? 18 : 12);
  return (uint8_t)(n > (int)IMUW_MAX_SAMPLES ? (int)IMUW_MAX_SAMPLES : n);
}

/*
 * Encodes a data packet (PROTOCOL.md §2.4) into out. seq is the packet counter (+1 per packet,
 * wraps), t0_us the microsecond timestamp of the first sample (wraps). Returns the packet's
 * length, or 0 if n is 0 or above 31, or the packet does not fit capacity.
 */
static inline size_t imuw_encode_data(uint8_t *out, size_t capacity, uint16_t seq, uint32_t t0_us,
                                      bool mag, bool crc, const imuw_sample_t *samples, uint8_t n) {
  size_t length = imuw_packet_length(n, mag, crc);
  if (n == 0 || n > IMUW_MAX_SAMPLES || length > capacity) {
    return 0;
  }
  out[0] = (uint8_t)((IMUW_VERSION << 5) | n);
  out[1] = (uint8_t)((mag ? IMUW_FLAG_MAG : 0u) | (crc ? IMUW_FLAG_CRC : 0u));
  imuw_put_u16(out + 2, seq);
  imuw_put_u32(out + 4, t0_us);
  uint8_t *p = out + IMUW_HEADER_LENGTH;
  for (uint8_t i = 0; i < n; i++) {
    const imuw_sample_t *s = &samples[i];
    int16_t axes[9] = {s->ax, s->ay, s->az, s->gx, s->gy, s->gz, s->mx, s->my, s->mz};
    int count = mag ? 9 : 6;
    for (int a = 0; a < count; a++) {
      imuw_put_i16(p, axes[a]);
      p += 2;
    }
  }
  if (crc) {
    imuw_put_u16(p, imuw_crc16(out, length - 2));
  }
  return length;
}

/*
 * Encodes the config characteristic's value (PROTOCOL.md §2.3) into out[8].
 * accel_fs: 0 ±2 g, 1 ±4 g, 2 ±8 g, 3 ±16 g; gyro_fs: 0 ±250, 1 ±500, 2 ±1000, 3 ±2000 °/s;
 * batch: samples per packet 1..31, or 0 for as many as fit the MTU.
 */
static inline size_t imuw_encode_config(uint8_t out[IMUW_CONFIG_LENGTH], uint16_t odr_hz, uint8_t accel_fs,
                                        uint8_t gyro_fs, bool mag, bool crc, uint8_t batch) {
  out[0] = 1u;
  imuw_put_u16(out + 1, odr_hz);
  out[3] = accel_fs;
  out[4] = gyro_fs;
  out[5] = (uint8_t)((mag ? IMUW_FLAG_MAG : 0u) | (crc ? IMUW_FLAG_CRC : 0u));
  out[6] = batch;
  out[7] = 0u;
  return IMUW_CONFIG_LENGTH;
}

/*
 * Encodes a legacy Simblee value (PROTOCOL.md §3): nine int16 (accel mg, gyro 0.01 °/s, mag mG)
 * in the first 18 of 32 bytes; the rest are zero.
 */
static inline size_t imuw_encode_legacy(uint8_t out[IMUW_LEGACY_LENGTH], const int16_t values[9]) {
  for (size_t i = 0; i < IMUW_LEGACY_LENGTH; i++) {
    out[i] = 0u;
  }
  for (int i = 0; i < 9; i++) {
    imuw_put_i16(out + 2 * i, values[i]);
  }
  return IMUW_LEGACY_LENGTH;
}

#endif /* IMU_WRISTBAND_H */
