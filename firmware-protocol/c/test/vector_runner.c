/*
 * Reads encode requests from stdin, one per line, and prints each encoded value as lowercase hex.
 * The Java test CReferenceEncoderIT turns test-vectors/ JSON files into these lines, compiles this file
 * with gcc -Wall -Wextra -Werror, and compares every line with the vector's expected bytes.
 *
 *   data   SEQ T0_US MAG CRC N  v v v ... (N x 6 or N x 9 int16)
 *   config ODR ACCEL_FS GYRO_FS MAG CRC BATCH
 *   legacy v v v v v v v v v
 *   crc    ASCII_TEXT
 */
#include <stdio.h>
#include <string.h>

#include "../imu_wristband.h"

static void print_hex(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    printf("%02x", p[i]);
  }
  printf("\n");
}

int main(void) {
  char kind[16];
  while (scanf("%15s", kind) == 1) {
    if (strcmp(kind, "data") == 0) {
      unsigned seq, mag, crc, n;
      unsigned long t0;
      if (scanf("%u %lu %u %u %u", &seq, &t0, &mag, &crc, &n) != 5 || n > IMUW_MAX_SAMPLES) {
        return 2;
      }
      imuw_sample_t s[IMUW_MAX_SAMPLES];
      memset(s, 0, sizeof s);
      for (unsigned i = 0; i < n; i++) {
        int v[9] = {0};
        for (int a = 0; a < (mag ? 9 : 6); a++) {
          if (scanf("%d", &v[a]) != 1) {
            return 2;
          }
        }
        s[i].ax = (int16_t)v[0]; s[i].ay = (int16_t)v[1]; s[i].az = (int16_t)v[2];
        s[i].gx = (int16_t)v[3]; s[i].gy = (int16_t)v[4]; s[i].gz = (int16_t)v[5];
        s[i].mx = (int16_t)v[6]; s[i].my = (int16_t)v[7]; s[i].mz = (int16_t)v[8];
      }
      uint8_t out[256];
      size_t len = imuw_encode_data(out, sizeof out, (uint16_t)seq, (uint32_t)t0, mag != 0, crc != 0, s, (uint8_t)n);
      if (len == 0) {
        return 3;
      }
      print_hex(out, len);
    } else if (strcmp(kind, "config") == 0) {
      unsigned odr, afs, gfs, mag, crc, batch;
      if (scanf("%u %u %u %u %u %u", &odr, &afs, &gfs, &mag, &crc, &batch) != 6) {
        return 2;
      }
      uint8_t out[IMUW_CONFIG_LENGTH];
      print_hex(out, imuw_encode_config(out, (uint16_t)odr, (uint8_t)afs, (uint8_t)gfs, mag != 0, crc != 0, (uint8_t)batch));
    } else if (strcmp(kind, "legacy") == 0) {
      int16_t v[9];
      for (int i = 0; i < 9; i++) {
        int x;
        if (scanf("%d", &x) != 1) {
          return 2;
        }
        v[i] = (int16_t)x;
      }
      uint8_t out[IMUW_LEGACY_LENGTH];
      print_hex(out, imuw_encode_legacy(out, v));
    } else if (strcmp(kind, "crc") == 0) {
      char text[128];
      if (scanf("%127s", text) != 1) {
        return 2;
      }
      printf("%04x\n", imuw_crc16((const uint8_t *)text, strlen(text)));
    } else if (strcmp(kind, "maxsamples") == 0) {
      unsigned mtu, mag, crc;
      if (scanf("%u %u %u", &mtu, &mag, &crc) != 3) {
        return 2;
      }
      printf("%u\n", imuw_max_samples((uint16_t)mtu, mag != 0, crc != 0));
    } else {
      return 2;
    }
  }
  return 0;
}
