// idx_reader.h: IDX files (the MNIST / Fashion-MNIST format) parsed from already decompressed bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dataset.h"

namespace layerlab {

constexpr uint32_t kIdxImagesMagic = 0x00000803;  // u8, 3 dimensions: count x rows x cols
constexpr uint32_t kIdxLabelsMagic = 0x00000801;  // u8, 1 dimension: count

struct IdxImages {
  int count = 0, rows = 0, cols = 0;
  std::vector<uint8_t> pixels;  // count * rows * cols, row-major
};

// Both check the magic, the declared sizes against the dataset limits and against the bytes present
// (exactly: a missing or an extra byte is an error) before allocating. `name` names the file in messages.
bool parse_idx_images(const uint8_t* bytes, size_t size, const std::string& name, IdxImages* out, std::string* error);
bool parse_idx_labels(const uint8_t* bytes, size_t size, const std::string& name, std::vector<uint8_t>* out,
                      std::string* error);

// Pairs images with labels: 1 x rows x cols images whose features are pixel_to_feature(byte), one class
// per name. Refuses different counts and labels outside the classes.
bool make_idx_dataset(const IdxImages& images, const std::vector<uint8_t>& labels,
                      const std::vector<std::string>& class_names, Dataset* out, std::string* error);

}  // namespace layerlab
