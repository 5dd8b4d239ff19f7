// dataset.h: Dataset, labelled examples in memory ((N, F) features, N class labels), and its seeded split.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace layerlab {

// Three kinds of example, one struct:
//   classification  y holds one class per example (label_steps = 1), or one per time step of a sequence
//                   (label_steps = steps: many-to-many, y[i * label_steps + t]);
//   regression      target_width > 0: targets holds target_width floats per example and y is empty.
struct Dataset {
  int features = 0;
  int classes = 0;
  std::vector<float> x;  // (size, features) row-major
  std::vector<int> y;    // (size * label_steps) class indices
  int channels = 0, height = 0, width = 0;  // image shape when features are C*H*W pixels (NCHW), else all 0
  int steps = 0;         // sequences: each row is (steps, features / steps) (tensor.h), else 0
  int label_steps = 1;   // class labels per example
  int target_width = 0;  // regression targets per example (0: a classification set)
  std::vector<float> targets;               // (size, target_width)
  std::vector<std::string> class_names;     // one per class when known (read from a file), else empty
  int size() const { return features > 0 ? static_cast<int>(x.size() / static_cast<size_t>(features)) : 0; }
  bool is_regression() const { return target_width > 0; }
  const float* row(int i) const { return x.data() + static_cast<size_t>(i) * features; }
  const int* labels(int i) const { return y.data() + static_cast<size_t>(i) * label_steps; }
  const float* target(int i) const { return targets.data() + static_cast<size_t>(i) * target_width; }
};

struct TrainTestSplit {
  Dataset train, test;
};

// Shuffles with `seed`, then puts round(train_fraction * size) examples in train and the rest in test.
TrainTestSplit split_dataset(const Dataset& all, float train_fraction, uint64_t seed);
// No shuffle: the first round(train_fraction * size) examples train, the rest test (time series: no
// peeking at the future).
TrainTestSplit split_in_order(const Dataset& all, float train_fraction);
// The first n examples (all of them when n >= size).
Dataset first_examples(const Dataset& all, int n);

}  // namespace layerlab
