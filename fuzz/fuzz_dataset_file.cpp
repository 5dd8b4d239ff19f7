// fuzz_dataset_file.cpp: libFuzzer target for the dataset file reader (read_dataset_bytes), checksum repaired when framed.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "dataset_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace layerlab;
  // The trailing CRC-32 covers every byte before it: repair it so mutations reach the fields it guards.
  std::vector<uint8_t> bytes(data, data + size);
  if (size >= 37 && std::memcmp(data, "LLDS", 4) == 0) {
    const uint32_t crc = crc32_ieee(bytes.data(), size - 4);
    std::memcpy(bytes.data() + size - 4, &crc, 4);
  }
  Dataset dataset;
  DatasetMeta meta;
  std::string error;
  float last_progress = 0.0f;
  const bool read = read_dataset_bytes(bytes.data(), bytes.size(), "fuzz.lds", &dataset, &meta, &error, [&](float p) {
    if (!(p >= last_progress && p <= 1.0f)) __builtin_trap();  // progress never goes back or past 1
    last_progress = p;
  });
  if (!read && error.empty()) __builtin_trap();  // a refusal always says why
  if (read) {
    // What reads must encode and read back again.
    std::vector<uint8_t> again;
    if (!encode_dataset(dataset, meta, &again, &error)) __builtin_trap();
    Dataset reread;
    if (!read_dataset_bytes(again.data(), again.size(), "again.lds", &reread, &meta, &error)) __builtin_trap();
    if (reread.x.size() != dataset.x.size() || reread.y != dataset.y) __builtin_trap();
  }
  return 0;
}
