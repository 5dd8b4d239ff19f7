// dataset_catalog.h: the datasets LayerLab knows by name (2-D generators, Fashion-MNIST, digits, iris,
// wine, breast cancer; the sequences memory[-N], words, seattle-temps[-W], sf-temps[-W]) and loading any of
// them, or a .lds or .csv file, as a train/test pair.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dataset.h"

namespace layerlab {

struct DatasetRequest {
  std::string name;            // a catalog name, or a path to a .lds, .csv or (uncompressed) IDX images file
  std::string data_dir;        // where ./lab setup put the converted files
  uint64_t seed = 1;           // generators and train/test splits
  int points = 500;            // 2-D generators
  float noise = 0.0f;          // 2-D generators
  float test_fraction = 0.2f;  // sets that come as one file
  std::string label_column;    // CSV: the label column's name (default: the last column)
};

struct DatasetPair {
  Dataset train, test;
  std::string title;  // e.g. "Fashion-MNIST: 60000 training, 10000 test examples"
};

// Catalog names, with one line each saying what they are.
std::vector<std::pair<std::string, std::string>> dataset_catalog();
// $LAYERLAB_DATA, else ~/.cache/layerlab/data (where ./lab setup writes the converted files).
std::string default_data_dir();

// Tabular sets (iris, wine, breast cancer, CSV) are standardised with the training set's statistics.
bool load_dataset_pair(const DatasetRequest& request, DatasetPair* out, std::string* error,
                       const std::function<void(float)>& progress = {});

}  // namespace layerlab
