// dataset.cpp: split_dataset (seeded shuffle) and split_in_order.
#include "dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "rng.h"

namespace layerlab {

namespace {
// Examples order[0 .. n_train) train, the rest test; every field of the shape is kept.
TrainTestSplit split_by_order(const Dataset& all, const std::vector<int>& order, int n_train) {
  TrainTestSplit out;
  for (Dataset* d : {&out.train, &out.test}) {
    d->features = all.features;
    d->classes = all.classes;
    d->channels = all.channels;
    d->height = all.height;
    d->width = all.width;
    d->steps = all.steps;
    d->label_steps = all.label_steps;
    d->target_width = all.target_width;
    d->class_names = all.class_names;
  }
  for (int k = 0; k < static_cast<int>(order.size()); ++k) {
    Dataset& d = k < n_train ? out.train : out.test;
    const int i = order[static_cast<size_t>(k)];
    d.x.insert(d.x.end(), all.row(i), all.row(i) + all.features);
    if (all.is_regression()) d.targets.insert(d.targets.end(), all.target(i), all.target(i) + all.target_width);
    else d.y.insert(d.y.end(), all.labels(i), all.labels(i) + all.label_steps);
  }
  return out;
}

int train_count(const Dataset& all, float train_fraction) {
  return std::clamp(static_cast<int>(std::lround(train_fraction * all.size())), 0, all.size());
}
}  // namespace

TrainTestSplit split_dataset(const Dataset& all, float train_fraction, uint64_t seed) {
  std::vector<int> order(static_cast<size_t>(all.size()));
  std::iota(order.begin(), order.end(), 0);
  Rng rng(seed);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(static_cast<uint32_t>(i))]);
  return split_by_order(all, order, train_count(all, train_fraction));
}

TrainTestSplit split_in_order(const Dataset& all, float train_fraction) {
  std::vector<int> order(static_cast<size_t>(all.size()));
  std::iota(order.begin(), order.end(), 0);
  return split_by_order(all, order, train_count(all, train_fraction));
}

Dataset first_examples(const Dataset& all, int n) {
  std::vector<int> order(static_cast<size_t>(std::clamp(n, 0, all.size())));
  std::iota(order.begin(), order.end(), 0);
  return split_by_order(all, order, static_cast<int>(order.size())).train;
}

}  // namespace layerlab
