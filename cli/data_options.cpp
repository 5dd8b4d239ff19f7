// data_options.cpp: what train, eval and predict share: loading data from options, running a network
// over a dataset, and printing an evaluation.
#include <algorithm>
#include <cstdio>

#include "commands.h"

namespace layerlab::cli {

DatasetPair load_data(const Args& args, uint64_t seed) {
  DatasetRequest r;
  r.name = args.text("--data", "");
  if (r.name.empty()) fail("--data is required: a dataset name (circle, xor, gaussians, spiral, fashion-mnist, digits, "
                           "iris, wine, breast-cancer, memory[-N], words, seattle-temps[-W], sf-temps[-W]) or a .lds or "
                           ".csv file");
  r.data_dir = args.text("--data-dir", "");
  r.seed = seed;
  r.points = static_cast<int>(args.integer("--points", 500, 200, 1000));
  r.noise = static_cast<float>(args.number("--noise", 0.0, 0.0, 0.5));
  r.test_fraction = static_cast<float>(args.number("--test-fraction", 0.2, 0.01, 0.99));
  r.label_column = args.text("--label", "");
  DatasetPair pair;
  std::string error;
  if (!load_dataset_pair(r, &pair, &error)) fail(error);
  return pair;
}

std::vector<float> network_outputs(const Network& net, const Dataset& data) {
  const int chunk = 256, outputs = net.output_features();
  Workspace ws(net, chunk);
  std::vector<float> all(static_cast<size_t>(data.size()) * static_cast<size_t>(outputs));
  for (int start = 0; start < data.size(); start += chunk) {
    const int n = std::min(chunk, data.size() - start);
    const float* y = net.forward(ws, data.row(start), n);
    std::copy(y, y + static_cast<size_t>(n) * outputs, all.begin() + static_cast<long>(start) * outputs);
  }
  return all;
}

double print_evaluation(const Network& net, const Dataset& data, const std::vector<std::string>& class_names,
                        bool binary_logit) {
  const int c = data.classes, outputs = net.output_features();
  const std::vector<float> logits = network_outputs(net, data);
  std::vector<int> counts(static_cast<size_t>(c * c), 0);
  int correct = 0;
  for (int i = 0; i < data.size(); ++i) {
    const float* z = logits.data() + static_cast<size_t>(i) * outputs;
    const int predicted = binary_logit ? (z[0] > 0 ? 1 : 0) : static_cast<int>(std::max_element(z, z + outputs) - z);
    const int truth = data.y[static_cast<size_t>(i)];
    if (predicted < c) ++counts[static_cast<size_t>(truth * c + predicted)];
    correct += predicted == truth;
  }
  const double accuracy = data.size() ? static_cast<double>(correct) / data.size() : 0.0;
  auto name = [&](int k) { return k < static_cast<int>(class_names.size()) ? class_names[k] : std::to_string(k); };
  std::printf("accuracy %.4f (%d of %d)\n\nper class:\n", accuracy, correct, data.size());
  for (int k = 0; k < c; ++k) {
    int total = 0;
    for (int j = 0; j < c; ++j) total += counts[static_cast<size_t>(k * c + j)];
    std::printf("  %-14s %.4f  (%d examples)\n", name(k).c_str(), total ? counts[static_cast<size_t>(k * c + k)] / double(total) : 0.0,
                total);
  }
  std::printf("\nconfusion matrix (rows: true class, columns: predicted)\n%14s", "");
  for (int j = 0; j < c; ++j) std::printf(" %6.6s", name(j).c_str());
  std::printf("\n");
  for (int k = 0; k < c; ++k) {
    std::printf("  %-12.12s", name(k).c_str());
    for (int j = 0; j < c; ++j) std::printf(" %6d", counts[static_cast<size_t>(k * c + j)]);
    std::printf("\n");
  }
  return accuracy;
}

}  // namespace layerlab::cli
