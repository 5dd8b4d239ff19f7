// byte_io.h: ByteWriter and ByteReader, little-endian fields for LayerLab's file formats. The reader
// never reads past its buffer: every read checks what remains and records the first shortfall.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace layerlab {

class ByteWriter {
 public:
  void u32(uint32_t v) { put(&v, 4); }
  void i32(int32_t v) { put(&v, 4); }
  void u64(uint64_t v) { put(&v, 8); }
  void i64(int64_t v) { put(&v, 8); }
  void f32(float v) { put(&v, 4); }
  void floats(const float* v, size_t n) { put(v, n * sizeof(float)); }
  void bytes(const void* v, size_t n) { put(v, n); }
  void str(const std::string& s) {
    u32(static_cast<uint32_t>(s.size()));
    put(s.data(), s.size());
  }
  std::vector<uint8_t>& data() { return out_; }

 private:
  // The engine targets little-endian machines only (x86, ARM, wasm), so values are copied as they are.
  void put(const void* p, size_t n) {
    if (n == 0) return;
    const auto* b = static_cast<const uint8_t*>(p);
    out_.insert(out_.end(), b, b + n);
  }
  std::vector<uint8_t> out_;
};

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  bool ok() const { return ok_; }
  const uint8_t* position() const { return p_; }

  uint32_t u32() { return get<uint32_t>(); }
  int32_t i32() { return get<int32_t>(); }
  uint64_t u64() { return get<uint64_t>(); }
  int64_t i64() { return get<int64_t>(); }
  float f32() { return get<float>(); }
  // A length-prefixed string of at most max_size bytes.
  bool str(std::string* out, size_t max_size) {
    const uint32_t n = u32();
    if (!ok_ || n > max_size || n > remaining()) return ok_ = false;
    out->assign(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return true;
  }
  // Copies n floats; the caller checks n against remaining() before allocating `out`. With n == 0, `out`
  // may be null (a network without parameters), and memcpy must not see it.
  bool floats(float* out, size_t n) {
    if (!ok_ || n > remaining() / sizeof(float)) return ok_ = false;
    if (n == 0) return true;
    std::memcpy(out, p_, n * sizeof(float));
    p_ += n * sizeof(float);
    return true;
  }

 private:
  template <typename T>
  T get() {
    T v{};
    if (!ok_ || remaining() < sizeof(T)) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, p_, sizeof(T));
    p_ += sizeof(T);
    return v;
  }
  const uint8_t* p_;
  const uint8_t* end_;
  bool ok_ = true;
};

// The whole file at `path` (at most 2 GB); false with one sentence in *error otherwise.
inline bool read_whole_file(const std::string& path, std::vector<uint8_t>* bytes, std::string* error) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *error = "cannot open " + path + ": no such file, or not readable";
    return false;
  }
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  if (size < 0 || static_cast<unsigned long long>(size) >= (1ull << 31)) {
    std::fclose(f);
    *error = path + " is larger than 2 GB";
    return false;
  }
  bytes->resize(static_cast<size_t>(size));
  const bool ok = std::fread(bytes->data(), 1, bytes->size(), f) == bytes->size();
  std::fclose(f);
  if (!ok) *error = "reading " + path + " failed";
  return ok;
}

}  // namespace layerlab
