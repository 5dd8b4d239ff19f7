// dataset.cpp: split_dataset.
#include "dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "rng.h"

namespace layerlab {

TrainTestSplit split_dataset(const Dataset& all, float train_fraction, uint64_t seed) {
  std::vector<int> order(static_cast<size_t>(all.size()));
  std::iota(order.begin(), order.end(), 0);
  Rng rng(seed);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(static_cast<uint32_t>(i))]);
  const int n_train = std::clamp(static_cast<int>(std::lround(train_fraction * all.size())), 0, all.size());

  TrainTestSplit out;
  for (Dataset* d : {&out.train, &out.test}) {
    d->features = all.features;
    d->classes = all.classes;
    d->channels = all.channels;
    d->height = all.height;
    d->width = all.width;
    d->class_names = all.class_names;
  }
  for (int k = 0; k < all.size(); ++k) {
    Dataset& d = k < n_train ? out.train : out.test;
    const int i = order[static_cast<size_t>(k)];
    d.x.insert(d.x.end(), all.row(i), all.row(i) + all.features);
    d.y.push_back(all.y[static_cast<size_t>(i)]);
  }
  return out;
}

}  // namespace layerlab
