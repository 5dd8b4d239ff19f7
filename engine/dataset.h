// dataset.h: Dataset, labelled examples in memory ((N, F) features, N class labels), and its seeded split.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace layerlab {

struct Dataset {
  int features = 0;
  int classes = 0;
  std::vector<float> x;  // (size, features) row-major
  std::vector<int> y;    // (size) class index
  int channels = 0, height = 0, width = 0;  // image shape when features are C*H*W pixels (NCHW), else all 0
  std::vector<std::string> class_names;     // one per class when known (read from a file), else empty
  int size() const { return static_cast<int>(y.size()); }
  const float* row(int i) const { return x.data() + static_cast<size_t>(i) * features; }
};

struct TrainTestSplit {
  Dataset train, test;
};

// Shuffles with `seed`, then puts round(train_fraction * size) examples in train and the rest in test.
TrainTestSplit split_dataset(const Dataset& all, float train_fraction, uint64_t seed);

}  // namespace layerlab
