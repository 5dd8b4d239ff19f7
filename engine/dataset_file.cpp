// dataset_file.cpp: the .lds writer, and its readers, which validate every declared size before allocating.
#include "dataset_file.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

#include "byte_io.h"

namespace layerlab {

namespace {
constexpr uint8_t kMagic[4] = {'L', 'L', 'D', 'S'};
constexpr size_t kFixedHeaderBytes = 33;  // magic, version, 7 counts (u32), storage (u8)
constexpr size_t kCrcBytes = 4;
constexpr size_t kChunkBytes = size_t{1} << 20;  // progress is reported once per chunk

bool fail(std::string* error, const std::string& message) {
  if (error) *error = message;
  return false;
}

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Maps a stage's own [0, 1] onto [lo, hi] of the caller's callback, never going backwards.
struct ProgressRange {
  const std::function<void(float)>* callback;
  float lo, hi;
  void operator()(double fraction) const {
    if (*callback) (*callback)(lo + (hi - lo) * static_cast<float>(std::clamp(fraction, 0.0, 1.0)));
  }
};

// A cursor over the file's bytes whose failures are sentences naming the file and the field.
class FieldReader {
 public:
  FieldReader(const uint8_t* data, size_t size, const std::string& name, std::string* error)
      : data_(data), size_(size), name_(name), error_(error) {}

  size_t offset() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }
  const uint8_t* here() const { return data_ + pos_; }
  bool fail(const std::string& problem) const { return layerlab::fail(error_, name_ + " " + problem); }

  bool skip(uint64_t n, const char* what) {
    if (n > remaining())
      return fail("is truncated: expected " + std::to_string(n) + " bytes of " + what + ", found " +
                  std::to_string(remaining()));
    pos_ += static_cast<size_t>(n);
    return true;
  }
  bool u8(const char* what, uint32_t* v) {
    if (!skip(1, what)) return false;
    *v = data_[pos_ - 1];
    return true;
  }
  bool u32(const char* what, uint32_t* v) {
    if (!skip(4, what)) return false;
    std::memcpy(v, data_ + pos_ - 4, 4);  // little-endian, as every LayerLab file (see byte_io.h)
    return true;
  }
  // A u32 length, then that many bytes of UTF-8.
  bool text(const std::string& what, size_t max_bytes, std::string* out) {
    uint32_t length = 0;
    if (!u32((what + "'s length").c_str(), &length)) return false;
    if (length > max_bytes)
      return fail("is corrupt: " + what + " is " + std::to_string(length) + " bytes long; the limit is " +
                  std::to_string(max_bytes));
    const uint8_t* start = here();
    if (!skip(length, what.c_str())) return false;
    out->assign(reinterpret_cast<const char*>(start), length);
    if (!is_valid_utf8(*out)) return fail("is corrupt: " + what + " is not valid UTF-8");
    return true;
  }

 private:
  const uint8_t* data_;
  size_t size_, pos_ = 0;
  const std::string& name_;
  std::string* error_;
};

uint64_t feature_bytes(const DatasetFileInfo& h) {
  return uint64_t{static_cast<uint32_t>(h.examples)} * static_cast<uint32_t>(h.features) *
         (h.meta.storage == FeatureStorage::U8 ? 1 : 4);
}
size_t label_width(uint64_t classes) { return classes <= 256 ? 1 : 2; }
uint64_t label_bytes(const DatasetFileInfo& h) {
  return uint64_t{static_cast<uint32_t>(h.examples)} * label_width(h.classes);
}
uint64_t largest_header_bytes(const DatasetFileInfo& h) {
  return kFixedHeaderBytes + uint64_t{static_cast<uint32_t>(h.classes)} * (4 + kMaxClassNameBytes) +
         2 * (4 + kMaxDatasetTextBytes);
}

// The first kFixedHeaderBytes: magic, version, counts against the limits, shape, storage.
bool parse_fixed_header(FieldReader& r, DatasetFileInfo* h) {
  if (r.remaining() >= 4 && std::memcmp(r.here(), kMagic, 4) != 0) {
    char seen[40];
    std::snprintf(seen, sizeof seen, "0x%02X 0x%02X 0x%02X 0x%02X", r.here()[0], r.here()[1], r.here()[2],
                  r.here()[3]);
    return r.fail(std::string("is not a LayerLab dataset file: it starts with ") + seen + ", not \"LLDS\"");
  }
  uint32_t features = 0, classes = 0, examples = 0, c = 0, hgt = 0, w = 0, storage = 0;
  if (!r.skip(4, "magic number") || !r.u32("format version", &h->version)) return false;
  if (h->version > kDatasetFormatVersion)
    return r.fail("was written by a newer LayerLab (format " + std::to_string(h->version) +
                  "); this build reads format " + std::to_string(kDatasetFormatVersion));
  if (h->version == 0) return r.fail("is corrupt: it declares format 0, which does not exist");
  if (!r.u32("feature count", &features) || !r.u32("class count", &classes) ||
      !r.u32("example count", &examples) || !r.u32("channel count", &c) || !r.u32("image height", &hgt) ||
      !r.u32("image width", &w) || !r.u8("storage type", &storage))
    return false;
  const uint64_t values = uint64_t{examples} * features;
  if (features == 0 || examples == 0)
    return r.fail("is corrupt: it declares " + std::to_string(examples) + " examples of " +
                  std::to_string(features) + " features");
  if (classes == 0 || classes > kMaxDatasetClasses)
    return r.fail("is corrupt: it declares " + std::to_string(classes) + " classes; a dataset has 1 to " +
                  std::to_string(kMaxDatasetClasses));
  if (examples > kMaxDatasetExamples)
    return r.fail("declares " + std::to_string(examples) + " examples; the limit is " +
                  std::to_string(kMaxDatasetExamples));
  if (values > kMaxDatasetFeatureValues)
    return r.fail("declares " + std::to_string(values) + " feature values (" + std::to_string(examples) + " x " +
                  std::to_string(features) + "); the limit is " + std::to_string(kMaxDatasetFeatureValues));
  const bool no_shape = c == 0 && hgt == 0 && w == 0;
  if (!no_shape && uint64_t{c} * hgt * w != features)
    return r.fail("is corrupt: its image shape " + std::to_string(c) + "x" + std::to_string(hgt) + "x" +
                  std::to_string(w) + " does not make " + std::to_string(features) + " features");
  if (storage > static_cast<uint32_t>(FeatureStorage::U8))
    return r.fail("is corrupt: it declares storage type " + std::to_string(storage) + " (0 is f32, 1 is u8)");
  h->features = static_cast<int>(features);
  h->classes = static_cast<int>(classes);
  h->examples = static_cast<int>(examples);
  h->channels = static_cast<int>(c);
  h->height = static_cast<int>(hgt);
  h->width = static_cast<int>(w);
  h->meta.storage = static_cast<FeatureStorage>(storage);
  return true;
}

// The whole header: the fixed part, class names, the dataset's name and source.
bool parse_header(FieldReader& r, DatasetFileInfo* h) {
  if (!parse_fixed_header(r, h)) return false;
  h->class_names.assign(static_cast<size_t>(h->classes), std::string());
  for (int k = 0; k < h->classes; ++k)
    if (!r.text("class name " + std::to_string(k), kMaxClassNameBytes, &h->class_names[static_cast<size_t>(k)]))
      return false;
  return r.text("the dataset's name", kMaxDatasetTextBytes, &h->meta.name) &&
         r.text("the dataset's source", kMaxDatasetTextBytes, &h->meta.source);
}

// What follows the header must be exactly features, labels, checksum.
bool check_payload_size(FieldReader& r, const DatasetFileInfo& h) {
  const bool pixels = h.channels > 0 && h.meta.storage == FeatureStorage::U8;
  const uint64_t total = feature_bytes(h) + label_bytes(h) + kCrcBytes;
  if (r.remaining() > total)
    return r.fail("is corrupt: it has " + std::to_string(r.remaining() - total) + " bytes after its checksum");
  return r.skip(feature_bytes(h), pixels ? "pixels" : "features") && r.skip(label_bytes(h), "labels") &&
         r.skip(kCrcBytes, "checksum");
}

uint32_t stored_u32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

uint32_t stored_label(const uint8_t* labels, size_t width, size_t i) {
  if (width == 1) return labels[i];
  uint16_t v;
  std::memcpy(&v, labels + 2 * i, 2);
  return v;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// Opens `path` for reading and measures it.
bool open_for_reading(const std::string& path, File* file, size_t* size, std::string* error) {
  file->reset(std::fopen(path.c_str(), "rb"));
  if (!*file) return fail(error, "cannot open " + path + ": " + std::strerror(errno));
  long end = -1;
  if (std::fseek(file->get(), 0, SEEK_END) == 0) end = std::ftell(file->get());
  if (end < 0 || std::fseek(file->get(), 0, SEEK_SET) != 0)
    return fail(error, "cannot read " + path + ": it is not a regular file");
  *size = static_cast<size_t>(end);
  return true;
}

// Appends up to `n` bytes of `file` to `bytes`, in chunks, reporting the fraction of `total` read so far.
bool read_into(std::FILE* file, size_t n, std::vector<uint8_t>* bytes, size_t total, const ProgressRange& progress,
               const std::string& path, std::string* error) {
  size_t at = bytes->size();
  bytes->resize(at + n);
  while (n > 0) {
    const size_t want = std::min(n, kChunkBytes), got = std::fread(bytes->data() + at, 1, want, file);
    if (got != want) return fail(error, "cannot read " + path + ": it ended early or a read failed");
    at += got;
    n -= got;
    progress(static_cast<double>(at) / static_cast<double>(std::max<size_t>(total, 1)));
  }
  return true;
}
// A dataset file opened, measured, and its fixed header read and checked.
struct OpenedFile {
  std::string name;  // the file's name without its folder, for messages
  File file;
  size_t size = 0;
  std::vector<uint8_t> bytes;  // what has been read so far
  DatasetFileInfo header;      // the fixed part only, until parse_header
};

bool open_dataset_file(const std::string& path, const ProgressRange& progress, OpenedFile* f, std::string* error) {
  f->name = base_name(path);
  if (!open_for_reading(path, &f->file, &f->size, error) ||
      !read_into(f->file.get(), std::min(f->size, kFixedHeaderBytes), &f->bytes, f->size, progress, path, error))
    return false;
  FieldReader fixed(f->bytes.data(), f->bytes.size(), f->name, error);
  return parse_fixed_header(fixed, &f->header);
}
}  // namespace

// Slicing-by-8: table[k][b] is the CRC of byte b followed by k zero bytes, so eight bytes take eight
// independent lookups instead of a chain of eight.
uint32_t crc32_ieee(const uint8_t* data, size_t size, uint32_t crc) {
  using Tables = std::array<std::array<uint32_t, 256>, 8>;
  static const Tables table = [] {
    Tables t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[0][i] = c;
    }
    for (size_t k = 1; k < 8; ++k)
      for (size_t i = 0; i < 256; ++i) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF];
    return t;
  }();
  crc = ~crc;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    const uint32_t lo = crc ^ (data[i] | uint32_t{data[i + 1]} << 8 | uint32_t{data[i + 2]} << 16 |
                               uint32_t{data[i + 3]} << 24);
    crc = table[7][lo & 0xFF] ^ table[6][(lo >> 8) & 0xFF] ^ table[5][(lo >> 16) & 0xFF] ^ table[4][lo >> 24] ^
          table[3][data[i + 4]] ^ table[2][data[i + 5]] ^ table[1][data[i + 6]] ^ table[0][data[i + 7]];
  }
  for (; i < size; ++i) crc = table[0][(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

bool is_valid_utf8(const std::string& text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    const int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || n - i <= static_cast<size_t>(extra)) return false;
    uint32_t code = extra == 0 ? c : c & (0x3Fu >> extra);
    for (int k = 1; k <= extra; ++k) {
      if ((s[i + static_cast<size_t>(k)] & 0xC0) != 0x80) return false;
      code = code << 6 | (s[i + static_cast<size_t>(k)] & 0x3Fu);
    }
    static const uint32_t kSmallest[4] = {0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += 1 + static_cast<size_t>(extra);
  }
  return true;
}

bool encode_dataset(const Dataset& d, const DatasetMeta& meta, std::vector<uint8_t>* out, std::string* error) {
  const std::string what = "cannot write dataset '" + meta.name + "': ";
  const uint64_t n = d.y.size(), values = n * static_cast<uint64_t>(std::max(d.features, 0));
  if (d.features <= 0 || n == 0 || d.x.size() != values)
    return fail(error, what + "it has " + std::to_string(n) + " labels, " + std::to_string(d.x.size()) +
                           " feature values and " + std::to_string(d.features) + " features per example");
  if (d.classes <= 0 || static_cast<uint64_t>(d.classes) > kMaxDatasetClasses || n > kMaxDatasetExamples ||
      values > kMaxDatasetFeatureValues)
    return fail(error, what + "its " + std::to_string(d.classes) + " classes or " + std::to_string(n) +
                           " examples are outside the format's limits");
  const bool no_shape = d.channels == 0 && d.height == 0 && d.width == 0;
  if (!no_shape && (d.channels < 0 || d.height < 0 || d.width < 0 ||
                    int64_t{d.channels} * d.height * d.width != d.features))
    return fail(error, what + "its image shape does not make " + std::to_string(d.features) + " features");
  if (!d.class_names.empty() && d.class_names.size() != static_cast<size_t>(d.classes))
    return fail(error, what + "it has " + std::to_string(d.class_names.size()) + " class names for " +
                           std::to_string(d.classes) + " classes");
  for (const std::string& s : d.class_names)
    if (s.size() > kMaxClassNameBytes || !is_valid_utf8(s))
      return fail(error, what + "class name '" + s + "' is longer than 255 bytes or not UTF-8");
  for (const std::string* s : {&meta.name, &meta.source})
    if (s->size() > kMaxDatasetTextBytes || !is_valid_utf8(*s))
      return fail(error, what + "its name or source is longer than 65535 bytes or not UTF-8");
  for (size_t i = 0; i < n; ++i)
    if (d.y[i] < 0 || d.y[i] >= d.classes)
      return fail(error, what + "example " + std::to_string(i) + " has label " + std::to_string(d.y[i]) +
                             ", outside 0.." + std::to_string(d.classes - 1));
  const bool u8 = meta.storage == FeatureStorage::U8;
  if (u8)
    for (size_t i = 0; i < d.x.size(); ++i)
      if (!(d.x[i] >= 0.0f && d.x[i] <= 1.0f))
        return fail(error, what + "feature value " + std::to_string(d.x[i]) + " at index " + std::to_string(i) +
                               " is outside [0, 1], which u8 storage needs");

  ByteWriter w;
  w.data().reserve(kFixedHeaderBytes + values * (u8 ? 1 : 4) + n * label_width(d.classes) + 4096);
  w.bytes(kMagic, 4);
  for (uint32_t v : {kDatasetFormatVersion, static_cast<uint32_t>(d.features), static_cast<uint32_t>(d.classes),
                     static_cast<uint32_t>(n), static_cast<uint32_t>(d.channels), static_cast<uint32_t>(d.height),
                     static_cast<uint32_t>(d.width)})
    w.u32(v);
  w.data().push_back(static_cast<uint8_t>(meta.storage));
  for (int k = 0; k < d.classes; ++k)
    w.str(d.class_names.empty() ? std::to_string(k) : d.class_names[static_cast<size_t>(k)]);
  w.str(meta.name);
  w.str(meta.source);
  if (u8) {
    for (float v : d.x) w.data().push_back(static_cast<uint8_t>(std::lround(v * 255.0f)));
  } else {
    w.floats(d.x.data(), d.x.size());
  }
  for (int label : d.y) {
    const uint16_t v = static_cast<uint16_t>(label);
    w.bytes(&v, label_width(d.classes));  // the low byte first: little-endian
  }
  w.u32(crc32_ieee(w.data().data(), w.data().size()));
  *out = std::move(w.data());
  return true;
}

bool write_dataset_file(const Dataset& data, const DatasetMeta& meta, const std::string& path, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!encode_dataset(data, meta, &bytes, error)) return false;
  const std::string temporary = path + ".partial";
  {
    File file(std::fopen(temporary.c_str(), "wb"));
    if (!file) return fail(error, "cannot create " + temporary + ": " + std::strerror(errno));
    if (std::fwrite(bytes.data(), 1, bytes.size(), file.get()) != bytes.size() || std::fflush(file.get()) != 0) {
      const std::string reason = std::strerror(errno);
      file.reset();
      std::remove(temporary.c_str());
      return fail(error, "cannot write " + temporary + ": " + reason);
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    return fail(error, "cannot rename " + temporary + " to " + path + ": " + reason);
  }
  return true;
}

bool read_dataset_bytes(const uint8_t* bytes, size_t size, const std::string& name, Dataset* out,
                        DatasetMeta* meta, std::string* error, const std::function<void(float)>& progress) {
  FieldReader r(bytes, size, name, error);
  DatasetFileInfo h;
  if (!parse_header(r, &h)) return false;
  const size_t payload_at = r.offset();
  if (!check_payload_size(r, h)) return false;

  // Checksum: the first 40% of the progress bar.
  const ProgressRange checking{&progress, 0.0f, 0.4f}, decoding{&progress, 0.4f, 1.0f};
  const size_t covered = size - kCrcBytes;
  uint32_t crc = 0;
  for (size_t at = 0; at < covered; at += kChunkBytes) {
    crc = crc32_ieee(bytes + at, std::min(kChunkBytes, covered - at), crc);
    checking(static_cast<double>(at) / static_cast<double>(covered));
  }
  const uint32_t stored = stored_u32(bytes + covered);
  if (crc != stored) {
    char sums[64];
    std::snprintf(sums, sizeof sums, "0x%08X, its contents give 0x%08X", stored, crc);
    return r.fail(std::string("is corrupt: its checksum is ") + sums);
  }

  const size_t n = static_cast<size_t>(h.examples), values = n * static_cast<size_t>(h.features);
  const uint8_t* features = bytes + payload_at;
  const uint8_t* labels = features + feature_bytes(h);
  const size_t width = label_width(h.classes);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t label = stored_label(labels, width, i);
    if (label >= static_cast<uint32_t>(h.classes))
      return r.fail("is corrupt: example " + std::to_string(i) + " has label " + std::to_string(label) +
                    ", but there are only " + std::to_string(h.classes) + " classes");
  }

  // Everything is valid: now allocate and decode.
  Dataset d;
  d.features = h.features;
  d.classes = h.classes;
  d.channels = h.channels;
  d.height = h.height;
  d.width = h.width;
  d.class_names = std::move(h.class_names);
  d.x.resize(values);
  d.y.resize(n);
  const size_t chunk_values = kChunkBytes / 4;
  for (size_t start = 0; start < values; start += chunk_values) {
    const size_t stop = std::min(values, start + chunk_values);
    if (h.meta.storage == FeatureStorage::U8) {
      for (size_t i = start; i < stop; ++i) d.x[i] = pixel_to_feature(features[i]);
    } else {
      std::memcpy(d.x.data() + start, features + 4 * start, 4 * (stop - start));
    }
    decoding(static_cast<double>(stop) / static_cast<double>(values));
  }
  for (size_t i = 0; i < n; ++i)
    d.y[i] = static_cast<int>(stored_label(labels, width, i));
  decoding(1.0);
  *out = std::move(d);
  if (meta) *meta = std::move(h.meta);
  return true;
}

bool read_dataset_file(const std::string& path, Dataset* out, DatasetMeta* meta, std::string* error,
                       const std::function<void(float)>& progress) {
  const ProgressRange loading{&progress, 0.0f, 0.5f};
  OpenedFile f;
  if (!open_dataset_file(path, loading, &f, error)) return false;
  // The fixed header bounds the file's size before the whole file is read into memory.
  const uint64_t largest = largest_header_bytes(f.header) + feature_bytes(f.header) + label_bytes(f.header) + kCrcBytes;
  if (f.size > largest)
    return fail(error, f.name + " is corrupt: it is " + std::to_string(f.size) + " bytes long, more than the " +
                           std::to_string(largest) + " its header allows");
  if (!read_into(f.file.get(), f.size - f.bytes.size(), &f.bytes, f.size, loading, path, error)) return false;
  const std::function<void(float)> rest = [&progress](float p) {
    if (progress) progress(0.5f + 0.5f * p);
  };
  return read_dataset_bytes(f.bytes.data(), f.bytes.size(), f.name, out, meta, error, rest);
}

bool read_dataset_info(const std::string& path, DatasetFileInfo* info, std::string* error) {
  const std::function<void(float)> none;
  const ProgressRange quiet{&none, 0.0f, 1.0f};
  OpenedFile f;
  if (!open_dataset_file(path, quiet, &f, error)) return false;
  const size_t header_bytes = static_cast<size_t>(std::min<uint64_t>(f.size, largest_header_bytes(f.header)));
  if (!read_into(f.file.get(), header_bytes - f.bytes.size(), &f.bytes, f.size, quiet, path, error)) return false;
  FieldReader r(f.bytes.data(), f.bytes.size(), f.name, error);
  if (!parse_header(r, &f.header)) return false;
  const uint64_t expected = r.offset() + feature_bytes(f.header) + label_bytes(f.header) + kCrcBytes;
  if (f.size != expected)
    return r.fail(std::string(f.size < expected ? "is truncated" : "is corrupt") + ": its header declares " +
                  std::to_string(expected) + " bytes, the file has " + std::to_string(f.size));
  *info = std::move(f.header);
  return true;
}

}  // namespace layerlab
