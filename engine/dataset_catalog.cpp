// dataset_catalog.cpp: name resolution, file loading and splitting for load_dataset_pair.
#include "dataset_catalog.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "byte_io.h"
#include "csv_import.h"
#include "dataset2d.h"
#include "dataset_file.h"
#include "idx_reader.h"

namespace layerlab {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool read_lds(const std::string& path, Dataset* out, std::string* error, const std::function<void(float)>& progress) {
  DatasetMeta meta;
  if (read_dataset_file(path, out, &meta, error, progress)) return true;
  if (error->find("cannot open") != std::string::npos || error->find("No such") != std::string::npos)
    *error += " (run ./lab setup to fetch and convert the datasets, or pass --data-dir)";
  return false;
}

void describe(DatasetPair* out, const std::string& name) {
  out->title = name + ": " + std::to_string(out->train.size()) + " training, " + std::to_string(out->test.size()) +
               " test examples, " + std::to_string(out->train.features) + " features, " +
               std::to_string(out->train.classes) + " classes";
}

// IDX images (MNIST-style, uncompressed), with labels from the matching "labels-idx1" file when it
// exists, else every label 0: for `layerlab predict` on raw IDX files.
bool read_idx(const std::string& path, Dataset* out, std::string* error) {
  std::vector<uint8_t> bytes;
  IdxImages images;
  if (!read_whole_file(path, &bytes, error) || !parse_idx_images(bytes.data(), bytes.size(), path, &images, error)) return false;
  std::vector<uint8_t> labels(static_cast<size_t>(images.count), 0);
  std::string labels_path = path;
  const size_t at = labels_path.find("images-idx3");
  std::vector<uint8_t> label_bytes;
  std::string ignored;
  if (at != std::string::npos) {
    labels_path.replace(at, 11, "labels-idx1");
    if (read_whole_file(labels_path, &label_bytes, &ignored) &&
        !parse_idx_labels(label_bytes.data(), label_bytes.size(), labels_path, &labels, error))
      return false;
  }
  int classes = 1;
  for (uint8_t l : labels) classes = std::max(classes, l + 1);
  std::vector<std::string> names;
  for (int c = 0; c < classes; ++c) names.push_back(std::to_string(c));
  return make_idx_dataset(images, labels, names, out, error);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> dataset_catalog() {
  return {{"circle", "2-D: a disc inside a ring (generated)"},
          {"xor", "2-D: the four quadrants (generated)"},
          {"gaussians", "2-D: two Gaussian clouds (generated)"},
          {"spiral", "2-D: two interleaved spirals (generated)"},
          {"fashion-mnist", "28x28 grey clothing images, 10 classes, 60000 + 10000 (Zalando, Debian dataset-fashion-mnist)"},
          {"digits", "8x8 handwritten digits, 10 classes, 1797 (UCI, via scikit-learn)"},
          {"iris", "4 flower measurements, 3 species, 150 (Fisher, via scikit-learn)"},
          {"wine", "13 chemical measurements, 3 cultivars, 178 (UCI, via scikit-learn)"},
          {"breast-cancer", "30 cell-nucleus features, 2 classes, 569 (UCI Wisconsin, via scikit-learn)"}};
}

std::string default_data_dir() {
  if (const char* env = std::getenv("LAYERLAB_DATA")) return env;
  const char* cache = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  if (cache && *cache) return std::string(cache) + "/layerlab/data";
  return std::string(home ? home : ".") + "/.cache/layerlab/data";
}

bool load_dataset_pair(const DatasetRequest& r, DatasetPair* out, std::string* error,
                       const std::function<void(float)>& progress) {
  Shape2D shape;
  if (parse_shape2d(r.name.c_str(), &shape)) {
    TrainTestSplit split = split_dataset(make_dataset2d(shape, r.points, r.noise, r.seed), 0.5f, r.seed + 1);
    out->train = std::move(split.train);
    out->test = std::move(split.test);
    describe(out, r.name);
    return true;
  }
  if (!(r.test_fraction > 0.0f && r.test_fraction < 1.0f)) {
    *error = "the test fraction must be between 0 and 1";
    return false;
  }
  const std::string dir = r.data_dir.empty() ? default_data_dir() : r.data_dir;
  if (r.name == "fashion-mnist") {
    auto half = [&](float base) { return [&progress, base](float p) { if (progress) progress(base + 0.5f * p); }; };
    if (!read_lds(dir + "/fashion-mnist-train.lds", &out->train, error, half(0.0f))) return false;
    if (!read_lds(dir + "/fashion-mnist-test.lds", &out->test, error, half(0.5f))) return false;
    describe(out, "fashion-mnist");
    return true;
  }
  Dataset all;
  bool tabular = true;
  if (ends_with(r.name, ".csv")) {
    std::vector<uint8_t> bytes;
    if (!read_whole_file(r.name, &bytes, error)) return false;
    CsvOptions options;
    options.label_column = r.label_column;
    CsvImport csv = import_csv(bytes.data(), bytes.size(), options);
    if (!csv.ok()) {
      *error = r.name + " could not be imported:";
      for (const std::string& e : csv.errors) *error += "\n  " + e;
      return false;
    }
    all = std::move(csv.data);
  } else if (ends_with(r.name, "-ubyte") || ends_with(r.name, ".idx")) {
    if (!read_idx(r.name, &out->test, error)) return false;
    out->train.features = out->test.features;
    out->train.classes = out->test.classes;
    describe(out, r.name);
    return true;  // every example is for prediction: all of it is the "test" part
  } else {
    bool known = ends_with(r.name, ".lds");
    for (const auto& entry : dataset_catalog()) known = known || entry.first == r.name;
    if (!known) {
      *error = "unknown dataset '" + r.name + "': use one of circle, xor, gaussians, spiral, fashion-mnist, digits, iris, "
               "wine, breast-cancer, or a path to a .lds or .csv file";
      return false;
    }
    const std::string path = ends_with(r.name, ".lds") ? r.name : dir + "/" + r.name + ".lds";
    if (!read_lds(path, &all, error, progress)) return false;
    tabular = all.channels == 0;
  }
  TrainTestSplit split = split_dataset(all, 1.0f - r.test_fraction, r.seed + 1);
  out->train = std::move(split.train);
  out->test = std::move(split.test);
  if (tabular) standardize_features(out->train, out->test);
  describe(out, r.name);
  return true;
}

}  // namespace layerlab
