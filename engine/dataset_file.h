// dataset_file.h: LayerLab's dataset file (.lds, format 1, see docs/dataset-format.md): write, read, inspect.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dataset.h"

namespace layerlab {

constexpr uint32_t kDatasetFormatVersion = 1;

// Limits every reader checks before it allocates anything the file declares.
constexpr uint64_t kMaxDatasetExamples = 10000000;
constexpr uint64_t kMaxDatasetClasses = 65535;
constexpr uint64_t kMaxDatasetFeatureValues = uint64_t{1} << 29;  // N * F: 2^31 bytes of float32 once loaded
constexpr size_t kMaxClassNameBytes = 255;
constexpr size_t kMaxDatasetTextBytes = 65535;  // the dataset's name, and its source

// How features are stored in the file. U8 holds byte b for the value b / 255 (images); the writer rounds
// to the nearest step, so only values that are already multiples of 1/255 come back bit-exact.
enum class FeatureStorage : uint8_t { F32 = 0, U8 = 1 };

struct DatasetMeta {
  std::string name;    // shown to the user, e.g. "Fashion-MNIST (train)"
  std::string source;  // where the data came from, and its licence
  FeatureStorage storage = FeatureStorage::F32;
};

// Everything before the features: what read_dataset_info returns without loading the data.
struct DatasetFileInfo {
  uint32_t version = 0;
  int features = 0, classes = 0, examples = 0;
  int channels = 0, height = 0, width = 0;
  std::vector<std::string> class_names;
  DatasetMeta meta;
};

// byte -> feature value for U8 storage and for IDX images: the one conversion, so files round-trip.
inline float pixel_to_feature(uint8_t b) { return static_cast<float>(b) / 255.0f; }

// CRC-32 (IEEE 802.3, as zlib's crc32): pass the previous result as `crc` to continue over more bytes.
uint32_t crc32_ieee(const uint8_t* data, size_t size, uint32_t crc = 0);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(const std::string& text);

// The whole file in memory. Refuses (false, one sentence in *error) a dataset that does not fit the format:
// x.size() != size * features, a label outside [0, classes), class_names neither empty (written as "0",
// "1", ...) nor one per class, an image shape whose product is not `features`, U8 values outside [0, 1].
bool encode_dataset(const Dataset& data, const DatasetMeta& meta, std::vector<uint8_t>* out, std::string* error);

// encode_dataset, then writes `path` through a temporary file renamed into place.
bool write_dataset_file(const Dataset& data, const DatasetMeta& meta, const std::string& path, std::string* error);

// Validates every field before allocating, then decodes. `name` is the file name used in messages.
// `progress` (optional) gets values in [0, 1], never decreasing, the last one 1.
bool read_dataset_bytes(const uint8_t* bytes, size_t size, const std::string& name, Dataset* out,
                        DatasetMeta* meta, std::string* error, const std::function<void(float)>& progress = {});

bool read_dataset_file(const std::string& path, Dataset* out, DatasetMeta* meta, std::string* error,
                       const std::function<void(float)>& progress = {});

// Reads and validates only the header, and checks that the file's size is exactly what it declares.
bool read_dataset_info(const std::string& path, DatasetFileInfo* info, std::string* error);

}  // namespace layerlab
