// dataset_catalog.cpp: name resolution, file loading and splitting for load_dataset_pair.
#include "dataset_catalog.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "byte_io.h"
#include "csv_import.h"
#include "dataset2d.h"
#include "dataset_file.h"
#include "idx_reader.h"
#include "rng.h"
#include "sequence_datasets.h"
#include "time_series.h"

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

// ---- Sequence sets: generated (memory) or read from Debian packages' files at load time (words, temperatures).
constexpr int kMemorySequences = 10000;  // 8000 + 2000 at the default test fraction
constexpr int kMemoryDistractors = 30;
constexpr int kMemoryMaxDistractors = 100;
constexpr int kMemorySymbols = 2;
constexpr int kWordSteps = 12;          // words of 2..11 letters, framed as ".word" / "word."
constexpr int kWordSample = 20000;      // a seeded sample of the ~57000 kept words (each one is 12 x 27 floats)
constexpr int kTemperatureWindow = 24;  // a day of hourly values
constexpr int kTemperatureHorizon = 1;  // -> the next hour
const char* const kWordListPath = "/usr/share/dict/words";

// "memory" (30 distractors) or "memory-N": 1 with *distractors set, 0 for another name, -1 for a bad N.
int parse_memory_name(const std::string& name, int* distractors) {
  if (name == "memory") {
    *distractors = kMemoryDistractors;
    return 1;
  }
  if (name.compare(0, 7, "memory-") != 0) return 0;
  const std::string digits = name.substr(7);
  if (digits.empty() || digits.size() > 4 || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
  *distractors = std::atoi(digits.c_str());
  return *distractors <= kMemoryMaxDistractors ? 1 : -1;
}

// "seattle-temps" / "sf-temps" (a 24-hour window) or "...-W" for a window of W hours: the series name and the
// window, or "" for another name (window -1 for a malformed W).
std::string parse_temps_name(const std::string& name, int* window) {
  for (const char* series : {"seattle-temps", "sf-temps"}) {
    const std::string base = series;
    if (name == base) {
      *window = kTemperatureWindow;
      return base;
    }
    if (name.compare(0, base.size() + 1, base + "-") != 0) continue;
    const std::string digits = name.substr(base.size() + 1);
    const bool ok = !digits.empty() && digits.size() <= 7 && digits.find_first_not_of("0123456789") == std::string::npos;
    *window = ok ? std::atoi(digits.c_str()) : -1;
    return base;
  }
  return "";
}

bool file_exists(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f) std::fclose(f);
  return f != nullptr;
}

// Where ./lab setup unpacks python3-vega-datasets' data files: $CACHE/src/vega-data, beside $CACHE/data (the data
// dir the lab passes), else under the default cache; or the installed package's own folder.
std::vector<std::string> vega_dirs(const std::string& data_dir) {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("LAYERLAB_VEGA_DATA")) dirs.push_back(env);
  dirs.push_back(data_dir + "/../src/vega-data");
  const char* layerlab_cache = std::getenv("LAYERLAB_CACHE");
  const char* cache = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  if (layerlab_cache && *layerlab_cache) dirs.push_back(std::string(layerlab_cache) + "/src/vega-data");
  else if (cache && *cache) dirs.push_back(std::string(cache) + "/layerlab/src/vega-data");
  else dirs.push_back(std::string(home ? home : ".") + "/.cache/layerlab/src/vega-data");
  dirs.push_back("/usr/lib/python3/dist-packages/vega_datasets/_data");
  return dirs;
}

bool is_sequence_set(const std::string& name) {
  int distractors = 0;
  return parse_memory_name(name, &distractors) != 0 || name == "words" || !parse_temps_name(name, &distractors).empty();
}

std::string one_decimal(float v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(v));
  return text;
}

bool load_sequence_pair(const DatasetRequest& r, const std::string& dir, DatasetPair* out, std::string* error) {
  const float train_fraction = 1.0f - r.test_fraction;
  Dataset all;
  std::string detail;
  int distractors = 0;
  const int memory = parse_memory_name(r.name, &distractors);
  if (memory < 0) {
    *error = "'" + r.name + "': memory-N takes N from 0 to " + std::to_string(kMemoryMaxDistractors) +
             " distractors (e.g. memory-10; plain memory has " + std::to_string(kMemoryDistractors) + ")";
    return false;
  }
  if (memory > 0) {
    all = make_memory_task(kMemorySequences, distractors, kMemorySymbols, r.seed, error);
    detail = std::to_string(all.classes) + " classes, chance " + std::to_string(100 / kMemorySymbols) +
             "%: name the symbol at step 0 after " + std::to_string(distractors) + " distractors";
  } else if (r.name == "words") {
    std::vector<std::string> words;
    if (!load_word_list(kWordListPath, kWordSteps - 1, &words, error)) {
      if (!file_exists(kWordListPath))
        *error = std::string(kWordListPath) + " is missing: it comes from the Debian package wamerican, which "
                 "./lab setup installs (or: apt-get install wamerican)";
      return false;
    }
    Rng rng(r.seed + 1);
    for (size_t i = words.size(); i > 1; --i) std::swap(words[i - 1], words[rng.below(static_cast<uint32_t>(i))]);
    if (words.size() > static_cast<size_t>(kWordSample)) words.resize(static_cast<size_t>(kWordSample));
    all = make_char_dataset(words, kWordSteps, error);
    detail = "next-character prediction, " + std::to_string(all.classes) + " classes at each step";
  } else {
    int window = 0;
    const std::string file = parse_temps_name(r.name, &window) + ".csv";
    if (window < 1) {
      *error = "'" + r.name + "': the window after the series name must be a whole number of hours, e.g. seattle-temps-48";
      return false;
    }
    std::string path;
    std::string looked;
    for (const std::string& d : vega_dirs(dir)) {
      if (path.empty() && file_exists(d + "/" + file)) path = d + "/" + file;
      looked += (looked.empty() ? "" : ", ") + d;
    }
    if (path.empty()) {
      *error = file + " not found (looked in " + looked + "): it comes from the Debian package python3-vega-datasets, "
               "which ./lab setup fetches into ~/.cache/layerlab/src/vega-data";
      return false;
    }
    std::vector<float> series;
    if (!load_vega_temps(path, &series, error)) return false;
    // The scale comes from the training part only (the first hours), so the test hours never shape it.
    const auto fit_count = static_cast<size_t>(std::lround(train_fraction * static_cast<float>(series.size())));
    const SeriesScale scale = standardize_series(&series, fit_count);
    all = make_window_dataset(series, window, kTemperatureHorizon, error);
    detail = "predict the temperature " + std::to_string(kTemperatureHorizon) + " hour after " +
             std::to_string(window) + " hourly values, standardised: degrees F = value * " +
             one_decimal(scale.stddev) + " + " + one_decimal(scale.mean) + " (first hours train, the later ones test)";
  }
  if (all.size() == 0) return false;  // *error was set by the maker
  TrainTestSplit split = split_in_order(all, train_fraction);
  out->train = std::move(split.train);
  out->test = std::move(split.test);
  out->title = r.name + ": " + std::to_string(out->train.size()) + " training, " + std::to_string(out->test.size()) +
               " test sequences of " + std::to_string(all.steps) + " steps x " +
               std::to_string(all.features / all.steps) + (all.features == all.steps ? " feature; " : " features; ") +
               detail;
  return true;
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
          {"breast-cancer", "30 cell-nucleus features, 2 classes, 569 (UCI Wisconsin, via scikit-learn)"},
          {"memory", "sequences: recall the symbol at step 0 after 30 distractors, 2 classes, 10000 (generated; "
                     "memory-N for N distractors, 0 to 100)"},
          {"words", "sequences: next character of English words, 12 steps x 27 characters, 20000 "
                    "(Debian wamerican's word list)"},
          {"seattle-temps", "time series: the next hour's temperature from the last 24, Seattle 2010, 8735 windows "
                            "(vega-datasets, Debian python3-vega-datasets)"},
          {"sf-temps", "time series: the next hour's temperature from the last 24, San Francisco 2010, 8735 windows "
                       "(vega-datasets, Debian python3-vega-datasets)"}};
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
  if (is_sequence_set(r.name)) return load_sequence_pair(r, dir, out, error);
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
      *error = "unknown dataset '" + r.name + "': use one of circle, xor, gaussians, spiral, fashion-mnist, digits, "
               "iris, wine, breast-cancer, memory, memory-N, words, seattle-temps, sf-temps, or a path to a .lds or "
               ".csv file";
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
