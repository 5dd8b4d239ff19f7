// fuzz_model_file.cpp: libFuzzer target for the model-file loader (model_from_bytes), checksum repaired so mutations reach the payload.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "dataset_file.h"
#include "model_file.h"

// The file's CRC-32 guards the payload, so nearly every mutation would stop at "corrupted". When the
// input frames a payload (magic, version, size), the stored checksum is replaced by the right one; the
// loader then has to survive whatever the payload declares.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace layerlab;
  std::vector<uint8_t> bytes(data, data + size);
  if (size >= 20 && std::memcmp(data, "LLMD", 4) == 0) {
    uint64_t payload_size = 0;
    std::memcpy(&payload_size, data + 8, 8);
    if (payload_size + 20 == size) {
      const uint32_t crc = crc32_ieee(bytes.data() + 16, payload_size);
      std::memcpy(bytes.data() + 16 + payload_size, &crc, 4);
    }
  }
  LoadedModel model;
  std::string error;
  const bool loaded = model_from_bytes(bytes.data(), bytes.size(), &model, &error, "fuzz.llm");
  if (!loaded && error.empty()) __builtin_trap();  // a refusal always says why
  if (loaded) {
    // What loads must save again to the same bytes (the writer and the reader agree on every field).
    const std::vector<uint8_t> again = model_to_bytes(model.spec, model.network, model.optimizer.get(), model.meta);
    LoadedModel reloaded;
    if (!model_from_bytes(again.data(), again.size(), &reloaded, &error)) __builtin_trap();
  }
  return 0;
}
