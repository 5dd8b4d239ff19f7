// idx_reader.cpp: IDX parsing (big-endian header, u8 data) with every size checked before allocating.
#include "idx_reader.h"

#include <cstdio>

#include "dataset_file.h"

namespace layerlab {

namespace {
bool fail(std::string* error, const std::string& message) {
  if (error) *error = message;
  return false;
}

uint32_t big_endian_u32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

// Reads the magic and `dims` sizes, checks them and that exactly their product of data bytes follows.
bool parse_idx_header(const uint8_t* bytes, size_t size, const std::string& name, uint32_t magic, int dims,
                      const char* data_name, uint32_t* sizes, std::string* error) {
  const size_t header = 4 + 4 * static_cast<size_t>(dims);
  if (size < 4)
    return fail(error, name + " is truncated: expected 4 bytes of IDX magic number, found " + std::to_string(size));
  const uint32_t found = big_endian_u32(bytes);
  if (found != magic) {
    char text[96];
    std::snprintf(text, sizeof text, " is not an IDX %s file: its magic number is 0x%08X, not 0x%08X",
                  data_name, found, magic);
    const char* hint = found == kIdxImagesMagic   ? " (it holds images)"
                       : found == kIdxLabelsMagic ? " (it holds labels)"
                                                  : "";
    return fail(error, name + text + hint);
  }
  if (size < header)
    return fail(error, name + " is truncated: expected " + std::to_string(header) + " bytes of IDX header, found " +
                           std::to_string(size));
  uint64_t total = 1;
  for (int i = 0; i < dims; ++i) {
    sizes[i] = big_endian_u32(bytes + 4 + 4 * i);
    total *= sizes[i];  // stays below 2^61: every earlier product was checked against 2^29
    if (sizes[i] == 0) return fail(error, name + " is corrupt: its dimension " + std::to_string(i + 1) + " is 0");
    if (i == 0 && sizes[0] > kMaxDatasetExamples)
      return fail(error, name + " declares " + std::to_string(sizes[0]) + " examples; the limit is " +
                             std::to_string(kMaxDatasetExamples));
    if (total > kMaxDatasetFeatureValues)
      return fail(error, name + " declares more than " + std::to_string(kMaxDatasetFeatureValues) + " " + data_name +
                             "; that is the limit");
  }
  const size_t found_data = size - header;
  if (found_data < total)
    return fail(error, name + " is truncated: expected " + std::to_string(total) + " bytes of " + data_name +
                           ", found " + std::to_string(found_data));
  if (found_data > total)
    return fail(error, name + " is corrupt: it has " + std::to_string(found_data - total) + " bytes after its " +
                           std::to_string(total) + " bytes of " + data_name);
  return true;
}
}  // namespace

bool parse_idx_images(const uint8_t* bytes, size_t size, const std::string& name, IdxImages* out, std::string* error) {
  uint32_t sizes[3];
  if (!parse_idx_header(bytes, size, name, kIdxImagesMagic, 3, "pixels", sizes, error)) return false;
  out->count = static_cast<int>(sizes[0]);
  out->rows = static_cast<int>(sizes[1]);
  out->cols = static_cast<int>(sizes[2]);
  out->pixels.assign(bytes + 16, bytes + size);
  return true;
}

bool parse_idx_labels(const uint8_t* bytes, size_t size, const std::string& name, std::vector<uint8_t>* out,
                      std::string* error) {
  uint32_t count = 0;
  if (!parse_idx_header(bytes, size, name, kIdxLabelsMagic, 1, "labels", &count, error)) return false;
  out->assign(bytes + 8, bytes + size);
  return true;
}

bool make_idx_dataset(const IdxImages& images, const std::vector<uint8_t>& labels,
                      const std::vector<std::string>& class_names, Dataset* out, std::string* error) {
  if (labels.size() != static_cast<size_t>(images.count))
    return fail(error, "the image file has " + std::to_string(images.count) + " images but the label file " +
                           std::to_string(labels.size()) + " labels");
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] >= class_names.size())
      return fail(error, "label " + std::to_string(labels[i]) + " of image " + std::to_string(i) +
                             " is not one of the " + std::to_string(class_names.size()) + " classes");
  Dataset d;
  d.features = images.rows * images.cols;
  d.classes = static_cast<int>(class_names.size());
  d.channels = 1;
  d.height = images.rows;
  d.width = images.cols;
  d.class_names = class_names;
  d.x.resize(images.pixels.size());
  for (size_t i = 0; i < images.pixels.size(); ++i) d.x[i] = pixel_to_feature(images.pixels[i]);
  d.y.assign(labels.begin(), labels.end());
  *out = std::move(d);
  return true;
}

}  // namespace layerlab
