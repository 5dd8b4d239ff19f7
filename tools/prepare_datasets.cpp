// prepare_datasets.cpp: layerlab-datasets, which turns Debian's Fashion-MNIST and scikit-learn's bundled
// datasets into .lds files (a native tool: it reads .gz with zlib, which the engine never uses).
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "csv_import.h"
#include "dataset_file.h"
#include "idx_reader.h"

namespace layerlab {
namespace {

const char* const kUsage =
    "usage: layerlab-datasets --out DIR [--sources DIR] [--fashion-mnist DIR] [--force | --check]\n"
    "  --out DIR            where the .lds files go (created if missing)\n"
    "  --sources DIR        scikit-learn's data folder\n"
    "                       (default /usr/lib/python3/dist-packages/sklearn/datasets/data)\n"
    "  --fashion-mnist DIR  the IDX .gz files (default /usr/share/datasets/fashion-mnist)\n"
    "  --force              rewrite files that are already up to date\n"
    "  --check              read every file in DIR back and compare it with the known class counts\n";

const char* const kFashionPackage =
    "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)";
const char* const kSklearnPackage =
    "take it from the Debian package python3-sklearn (apt-get download python3-sklearn && dpkg-deb -x "
    "python3-sklearn_*.deb DIR) and pass --sources DIR/usr/lib/python3/dist-packages/sklearn/datasets/data";
const char* const kSklearnSource =
    "scikit-learn's bundled copy (BSD-3-Clause), from the Debian package python3-sklearn";

struct Options {
  std::string out, sources = "/usr/lib/python3/dist-packages/sklearn/datasets/data",
                   fashion = "/usr/share/datasets/fashion-mnist";
  bool force = false, check = false;
};

// A whole file, decompressed when it is gzip (zlib reads plain files through the same calls).
bool read_file(const std::string& path, const char* package_hint, std::vector<uint8_t>* out, std::string* error) {
  if (!std::filesystem::is_regular_file(path)) {
    *error = "missing " + path + ": " + package_hint;
    return false;
  }
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) {
    *error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  out->clear();
  std::vector<uint8_t> chunk(size_t{1} << 20);
  int got = 0;
  while ((got = gzread(file, chunk.data(), static_cast<unsigned>(chunk.size()))) > 0)
    out->insert(out->end(), chunk.data(), chunk.data() + got);
  int code = Z_OK;
  const std::string zlib_message = got < 0 ? gzerror(file, &code) : "";
  gzclose(file);
  if (got < 0) *error = "cannot decompress " + path + ": " + zlib_message;
  return got >= 0;
}

bool load_fashion_mnist(const Options& o, const char* part, Dataset* d, std::string* error) {
  const std::string images_path = o.fashion + "/" + part + "-images-idx3-ubyte.gz";
  const std::string labels_path = o.fashion + "/" + part + "-labels-idx1-ubyte.gz";
  std::vector<uint8_t> bytes;
  IdxImages images;
  std::vector<uint8_t> labels;
  if (!read_file(images_path, kFashionPackage, &bytes, error) ||
      !parse_idx_images(bytes.data(), bytes.size(), images_path, &images, error) ||
      !read_file(labels_path, kFashionPackage, &bytes, error) ||
      !parse_idx_labels(bytes.data(), bytes.size(), labels_path, &labels, error))
    return false;
  const std::vector<std::string> names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                          "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  return make_idx_dataset(images, labels, names, d, error);
}

// `bytes` as a CSV without a header; the first error stands for all of them.
bool import_rows(const std::string& path, const uint8_t* bytes, size_t size, Dataset* d, std::string* error) {
  CsvOptions options;
  options.header = CsvHeader::Absent;
  CsvImport csv = import_csv(bytes, size, options);
  if (!csv.ok()) {
    *error = path + ": " + csv.errors.front();
    return false;
  }
  *d = std::move(csv.data);
  return true;
}

// iris.csv, wine_data.csv, breast_cancer.csv: a first line "examples,features,class name,..." then rows of
// features and an integer label.
bool load_sklearn_table(const Options& o, const char* file, Dataset* d, std::string* error) {
  const std::string path = o.sources + "/" + file;
  std::vector<uint8_t> bytes;
  if (!read_file(path, kSklearnPackage, &bytes, error)) return false;
  const auto newline = std::find(bytes.begin(), bytes.end(), '\n');
  std::string first(bytes.begin(), newline);
  if (!first.empty() && first.back() == '\r') first.pop_back();
  std::vector<std::string> fields;
  for (size_t start = 0;;) {
    const size_t comma = first.find(',', start);
    fields.push_back(first.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  const int examples = fields.size() >= 3 ? std::atoi(fields[0].c_str()) : 0;
  const int features = fields.size() >= 3 ? std::atoi(fields[1].c_str()) : 0;
  const size_t rest = static_cast<size_t>(newline - bytes.begin()) + (newline == bytes.end() ? 0 : 1);
  if (!import_rows(path, bytes.data() + rest, bytes.size() - rest, d, error)) return false;
  const std::vector<std::string> names(fields.begin() + std::min<size_t>(2, fields.size()), fields.end());
  if (examples <= 0 || d->size() != examples || d->features != features ||
      d->classes != static_cast<int>(names.size())) {
    *error = path + ": its first line declares " + std::to_string(examples) + " examples, " +
             std::to_string(features) + " features and " + std::to_string(names.size()) + " classes, the rows hold " +
             std::to_string(d->size()) + ", " + std::to_string(d->features) + " and " + std::to_string(d->classes);
    return false;
  }
  d->class_names = names;  // the labels were 0..k-1, so class k is the k-th name
  return true;
}

// digits.csv.gz: 64 pixel columns in 0..16 and the digit, no header.
bool load_digits(const Options& o, Dataset* d, std::string* error) {
  const std::string path = o.sources + "/digits.csv.gz";
  std::vector<uint8_t> bytes;
  if (!read_file(path, kSklearnPackage, &bytes, error) || !import_rows(path, bytes.data(), bytes.size(), d, error))
    return false;
  if (d->features != 64 || d->classes != 10) {
    *error = path + ": expected 64 pixel columns and the digits 0..9, found " + std::to_string(d->features) +
             " features and " + std::to_string(d->classes) + " classes";
    return false;
  }
  normalize_pixels(*d, 16.0f);
  d->channels = 1;
  d->height = d->width = 8;
  return true;
}

struct Job {
  const char* file;
  DatasetMeta meta;
  std::function<bool(Dataset*, std::string*)> load;
  int features;
  std::vector<int> examples_per_class;  // what --check expects
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --check: the whole file (checksum included), its shape and how many examples each class has.
bool check_job(const Options& o, const Job& job) {
  const auto start = std::chrono::steady_clock::now();
  Dataset d;
  DatasetMeta meta;
  std::string error;
  if (!read_dataset_file(o.out + "/" + job.file, &d, &meta, &error)) {
    std::fprintf(stderr, "%-24s FAILED: %s\n", job.file, error.c_str());
    return false;
  }
  const double seconds = seconds_since(start);
  std::vector<int> per_class(static_cast<size_t>(d.classes), 0);
  for (int label : d.y) ++per_class[static_cast<size_t>(label)];
  const bool ok = d.features == job.features && per_class == job.examples_per_class &&
                  d.class_names.size() == per_class.size() && meta.name == job.meta.name &&
                  meta.storage == job.meta.storage;
  std::string counts;
  for (size_t k = 0; k < per_class.size(); ++k)
    counts += (k ? ", " : "") + d.class_names[k] + " " + std::to_string(per_class[k]);
  std::fprintf(ok ? stdout : stderr, "%-24s %s: %d x %d, read in %.2f s; %s\n", job.file,
               ok ? "ok" : "FAILED, not the expected shape or class counts", d.size(), d.features, seconds,
               counts.c_str());
  return ok;
}

// Writes one file unless it is already there in the current format. False on any failure (printed).
bool run_job(const Options& o, const Job& job) {
  const std::string path = o.out + "/" + job.file;
  DatasetFileInfo info;
  std::string error;
  if (!o.force && read_dataset_info(path, &info, &error) && info.version == kDatasetFormatVersion) {
    std::printf("%-24s up to date (format %u, %d examples); --force rewrites it\n", job.file, info.version,
                info.examples);
    return true;
  }
  const auto start = std::chrono::steady_clock::now();
  Dataset d;
  if (!job.load(&d, &error) || !write_dataset_file(d, job.meta, path, &error)) {
    std::fprintf(stderr, "%-24s FAILED: %s\n", job.file, error.c_str());
    return false;
  }
  const double seconds = seconds_since(start);
  std::printf("%-24s %6d examples x %3d features, %2d classes, %s, %10ju bytes, %.2f s\n", job.file, d.size(),
              d.features, d.classes, job.meta.storage == FeatureStorage::U8 ? "u8 " : "f32",
              static_cast<uintmax_t>(std::filesystem::file_size(path)), seconds);
  std::fflush(stdout);
  return true;
}

int usage_error(const std::string& problem) {
  std::fprintf(stderr, "layerlab-datasets: %s\n%s", problem.c_str(), kUsage);
  return 2;
}

int run(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--out" && has_value) o.out = argv[++i];
    else if (arg == "--sources" && has_value) o.sources = argv[++i];
    else if (arg == "--fashion-mnist" && has_value) o.fashion = argv[++i];
    else if (arg == "--force") o.force = true;
    else if (arg == "--check") o.check = true;
    else if (arg != "--help" && arg != "-h") return usage_error("unknown or incomplete option '" + arg + "'");
    else return std::printf("%s", kUsage) < 0 ? 2 : 0;
  }
  if (o.out.empty()) return usage_error("--out DIR is required");
  std::error_code ec;
  if (!o.check) std::filesystem::create_directories(o.out, ec);
  if (ec) return usage_error("cannot create " + o.out + ": " + ec.message());

  const std::string fashion_source =
      "Zalando Research, Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, MIT licence), from the Debian package "
      "dataset-fashion-mnist";
  auto table = [&o](const char* file) {
    return [&o, file](Dataset* d, std::string* e) { return load_sklearn_table(o, file, d, e); };
  };
  const std::vector<Job> jobs = {
      {"fashion-mnist-train.lds", {"Fashion-MNIST (train)", fashion_source, FeatureStorage::U8},
       [&o](Dataset* d, std::string* e) { return load_fashion_mnist(o, "train", d, e); }, 784,
       std::vector<int>(10, 6000)},
      {"fashion-mnist-test.lds", {"Fashion-MNIST (test)", fashion_source, FeatureStorage::U8},
       [&o](Dataset* d, std::string* e) { return load_fashion_mnist(o, "t10k", d, e); }, 784,
       std::vector<int>(10, 1000)},
      {"digits.lds", {"Digits (8x8)", std::string("UCI optical recognition of handwritten digits, ") + kSklearnSource,
                      FeatureStorage::F32},
       [&o](Dataset* d, std::string* e) { return load_digits(o, d, e); }, 64,
       {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}},
      {"iris.lds", {"Iris", std::string("Fisher's Iris data (UCI), ") + kSklearnSource, FeatureStorage::F32},
       table("iris.csv"), 4, {50, 50, 50}},
      {"wine.lds", {"Wine", std::string("UCI wine recognition data, ") + kSklearnSource, FeatureStorage::F32},
       table("wine_data.csv"), 13, {59, 71, 48}},
      {"breast-cancer.lds",
       {"Breast cancer", std::string("UCI Breast Cancer Wisconsin (Diagnostic), ") + kSklearnSource,
        FeatureStorage::F32},
       table("breast_cancer.csv"), 30, {212, 357}},
  };
  bool all_ok = true;
  for (const Job& job : jobs) all_ok = (o.check ? check_job(o, job) : run_job(o, job)) && all_ok;
  return all_ok ? 0 : 2;
}

}  // namespace
}  // namespace layerlab

int main(int argc, char** argv) { return layerlab::run(argc, argv); }
