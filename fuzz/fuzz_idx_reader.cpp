// fuzz_idx_reader.cpp: libFuzzer target for the IDX reader: the same bytes as images, as labels, and paired into a dataset.
#include <cstdint>
#include <string>
#include <vector>

#include "idx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace layerlab;
  std::string error;
  IdxImages images;
  const bool have_images = parse_idx_images(data, size, "fuzz-images", &images, &error);
  if (have_images && images.pixels.size() != static_cast<size_t>(images.count) * images.rows * images.cols) __builtin_trap();
  std::vector<uint8_t> labels;
  const bool have_labels = parse_idx_labels(data, size, "fuzz-labels", &labels, &error);
  if (have_images) {
    // Pair the images with labels made from their own first pixels (some outside the classes).
    std::vector<uint8_t> own_labels(images.pixels.begin(), images.pixels.begin() + images.count);
    Dataset dataset;
    make_idx_dataset(images, own_labels, {"a", "b", "c"}, &dataset, &error);
  }
  if (have_labels) {
    IdxImages one_pixel;
    one_pixel.count = static_cast<int>(labels.size());
    one_pixel.rows = one_pixel.cols = 1;
    one_pixel.pixels = labels;
    Dataset dataset;
    make_idx_dataset(one_pixel, labels, std::vector<std::string>(10, "class"), &dataset, &error);
  }
  return 0;
}
