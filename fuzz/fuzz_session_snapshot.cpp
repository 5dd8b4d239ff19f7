// fuzz_session_snapshot.cpp: libFuzzer target for the autosave reader (snapshot_from_bytes), checksum repaired so mutations reach the fields; what reads writes back the same bytes.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "dataset_file.h"
#include "session_snapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace layerlab;
  std::vector<uint8_t> bytes(data, data + size);
  if (size >= 16) {  // the trailing CRC-32 covers everything before it
    const uint32_t crc = crc32_ieee(bytes.data(), size - 4);
    std::memcpy(bytes.data() + size - 4, &crc, 4);
  }
  SessionSnapshot snapshot;
  std::string error;
  if (!snapshot_from_bytes(bytes.data(), bytes.size(), &snapshot, &error)) {
    if (error.empty()) __builtin_trap();  // a refusal always says why
    return 0;
  }
  if (snapshot_to_bytes(snapshot) != bytes) __builtin_trap();
  return 0;
}
