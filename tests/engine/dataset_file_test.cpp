// dataset_file_test.cpp: .lds round trips, progress, and every kind of bad file refused before allocating.
#include "dataset_file.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include "rng.h"

// The largest single allocation while a test watches: proves that bad files are refused before the reader
// allocates what they declare. (If another test needs allocation counting, move this to tests/support.)
namespace {
bool g_watching = false;
size_t g_largest = 0;
}  // namespace

// Not inlined: GCC would otherwise see malloc'd memory reach free() through `delete` and warn.
[[gnu::noinline]] void* operator new(size_t n) {
  if (g_watching && n > g_largest) g_largest = n;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace layerlab {
namespace {

constexpr size_t kSmallAllocation = 64 * 1024;

struct AllocationWatch {
  AllocationWatch() {
    g_largest = 0;
    g_watching = true;
  }
  ~AllocationWatch() { g_watching = false; }
  size_t largest() const { return g_largest; }
};

Dataset small_table() {
  Dataset d;
  d.features = 3;
  d.classes = 2;
  d.class_names = {"cat", "chien"};
  d.x = {0.5f, -0.0f, 1e-40f, FLT_MAX, -3.25f, 7.0f, 1.0f, 2.0f, 3.0f, -1.0f, 0.1f, 0.2f, 9.0f, 8.0f, 7.5f};
  d.y = {0, 1, 1, 0, 1};
  return d;
}

// 16 images of 1x4x4 pixels holding every byte value once.
Dataset every_pixel_value() {
  Dataset d;
  d.features = 16;
  d.classes = 10;
  d.channels = 1;
  d.height = d.width = 4;
  for (int b = 0; b < 256; ++b) d.x.push_back(pixel_to_feature(static_cast<uint8_t>(b)));
  for (int i = 0; i < 16; ++i) d.y.push_back(i % 10);
  return d;
}

std::vector<uint8_t> encode(const Dataset& d, FeatureStorage storage = FeatureStorage::F32) {
  std::vector<uint8_t> bytes;
  std::string error;
  EXPECT_TRUE(encode_dataset(d, DatasetMeta{"small", "made by a test", storage}, &bytes, &error)) << error;
  return bytes;
}

void expect_same(const Dataset& a, const Dataset& b) {
  EXPECT_EQ(a.features, b.features);
  EXPECT_EQ(a.classes, b.classes);
  EXPECT_EQ(a.channels, b.channels);
  EXPECT_EQ(a.height, b.height);
  EXPECT_EQ(a.width, b.width);
  EXPECT_EQ(a.y, b.y);
  ASSERT_EQ(a.x.size(), b.x.size());
  EXPECT_EQ(std::memcmp(a.x.data(), b.x.data(), a.x.size() * sizeof(float)), 0) << "features differ in their bits";
}

// Rewrites the checksum so that a deliberately broken field is what the reader sees first.
void reseal(std::vector<uint8_t>& bytes) {
  const uint32_t crc = crc32_ieee(bytes.data(), bytes.size() - 4);
  std::memcpy(bytes.data() + bytes.size() - 4, &crc, 4);
}

void put_u32_at(std::vector<uint8_t>& bytes, size_t offset, uint32_t v) { std::memcpy(bytes.data() + offset, &v, 4); }

constexpr size_t kFeaturesAt = 8, kClassesAt = 12, kExamplesAt = 16;

std::string refuse(const std::vector<uint8_t>& bytes, size_t* largest_allocation = nullptr) {
  Dataset d;
  std::string error;
  AllocationWatch watch;
  const bool ok = read_dataset_bytes(bytes.data(), bytes.size(), "bad.lds", &d, nullptr, &error);
  if (largest_allocation) *largest_allocation = watch.largest();
  EXPECT_FALSE(ok);
  EXPECT_EQ(error.rfind("bad.lds ", 0), 0u) << error;
  return error;
}

TEST(DatasetFile, Crc32MatchesTheStandardCheckValue) {
  const char* text = "123456789";
  EXPECT_EQ(crc32_ieee(reinterpret_cast<const uint8_t*>(text), 9), 0xCBF43926u);
  const uint32_t half = crc32_ieee(reinterpret_cast<const uint8_t*>(text), 4);
  EXPECT_EQ(crc32_ieee(reinterpret_cast<const uint8_t*>(text) + 4, 5, half), 0xCBF43926u);
}

TEST(DatasetFile, F32RoundTripIsBitExact) {
  const Dataset d = small_table();
  const std::vector<uint8_t> bytes = encode(d);
  Dataset back;
  DatasetMeta meta;
  std::string error;
  ASSERT_TRUE(read_dataset_bytes(bytes.data(), bytes.size(), "small.lds", &back, &meta, &error)) << error;
  expect_same(d, back);
  EXPECT_EQ(back.class_names, d.class_names);
  EXPECT_EQ(meta.name, "small");
  EXPECT_EQ(meta.source, "made by a test");
  EXPECT_EQ(meta.storage, FeatureStorage::F32);
}

TEST(DatasetFile, U8ImagesRoundTripBitExactThroughAFile) {
  const Dataset d = every_pixel_value();
  const std::string path = ::testing::TempDir() + "layerlab_dataset_file_test.lds";
  std::string error;
  ASSERT_TRUE(write_dataset_file(d, DatasetMeta{"pixels", "", FeatureStorage::U8}, path, &error)) << error;
  Dataset back;
  DatasetMeta meta;
  ASSERT_TRUE(read_dataset_file(path, &back, &meta, &error)) << error;
  expect_same(d, back);
  EXPECT_EQ(meta.storage, FeatureStorage::U8);
  EXPECT_EQ(back.class_names, std::vector<std::string>({"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));

  DatasetFileInfo info;
  ASSERT_TRUE(read_dataset_info(path, &info, &error)) << error;
  EXPECT_EQ(info.version, kDatasetFormatVersion);
  EXPECT_EQ(info.examples, 16);
  EXPECT_EQ(info.height, 4);
  EXPECT_EQ(info.meta.name, "pixels");
  std::remove(path.c_str());
}

TEST(DatasetFile, ManyClassesUseSixteenBitLabels) {
  Dataset d;
  d.features = 1;
  d.classes = 1000;
  for (int i = 0; i < 1000; ++i) {
    d.x.push_back(static_cast<float>(i));
    d.y.push_back(999 - i);
  }
  const std::vector<uint8_t> bytes = encode(d);
  Dataset back;
  std::string error;
  ASSERT_TRUE(read_dataset_bytes(bytes.data(), bytes.size(), "many.lds", &back, nullptr, &error)) << error;
  expect_same(d, back);
}

TEST(DatasetFile, ProgressRisesToOne) {
  Dataset d;  // large enough for several chunks: 600k values
  d.features = 600;
  d.classes = 3;
  d.x.assign(600 * 1000, 0.25f);
  d.y.assign(1000, 2);
  const std::string path = ::testing::TempDir() + "layerlab_progress_test.lds";
  std::string error;
  ASSERT_TRUE(write_dataset_file(d, DatasetMeta{}, path, &error)) << error;
  std::vector<float> seen;
  seen.reserve(1000);
  Dataset back;
  AllocationWatch watch;  // also shows that the watch sees the reader's allocations
  ASSERT_TRUE(read_dataset_file(path, &back, nullptr, &error, [&seen](float p) { seen.push_back(p); })) << error;
  EXPECT_GE(watch.largest(), d.x.size() * sizeof(float));
  std::remove(path.c_str());
  ASSERT_GE(seen.size(), 4u);
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_GE(seen[i], 0.0f);
    EXPECT_LE(seen[i], 1.0f);
    if (i > 0) {
      EXPECT_GE(seen[i], seen[i - 1]) << "at " << i;
    }
  }
  EXPECT_EQ(seen.back(), 1.0f);
  EXPECT_EQ(back.x, d.x);
}

TEST(DatasetFile, EveryTruncationIsRefused) {
  const std::vector<uint8_t> bytes = encode(every_pixel_value(), FeatureStorage::U8);
  for (size_t n = 0; n < bytes.size(); ++n) {
    // An exact-size copy, so that ASan catches any read past the end.
    const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    const std::string error = refuse(prefix);
    EXPECT_NE(error.find("is truncated: expected "), std::string::npos) << n << ": " << error;
  }
  std::vector<uint8_t> longer = bytes;
  longer.push_back(0);
  EXPECT_NE(refuse(longer).find("1 bytes after its checksum"), std::string::npos);
}

TEST(DatasetFile, TruncatedPixelsAreCounted) {
  std::vector<uint8_t> bytes = encode(every_pixel_value(), FeatureStorage::U8);
  bytes.resize(bytes.size() - 16 - 4 - 200);  // keeps 56 of the 256 pixel bytes
  EXPECT_EQ(refuse(bytes), "bad.lds is truncated: expected 256 bytes of pixels, found 56");
}

TEST(DatasetFile, RandomBytesAreRefused) {
  Rng rng(7);
  const std::vector<uint8_t> good = encode(small_table());
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<uint8_t> bytes(rng.below(300));
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng.next_u32());
    if (trial % 2 == 1 && bytes.size() >= 8) std::memcpy(bytes.data(), good.data(), 8);  // past magic and version
    size_t largest = 0;
    refuse(bytes, &largest);
    EXPECT_LT(largest, kSmallAllocation);
  }
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  EXPECT_EQ(refuse(png), "bad.lds is not a LayerLab dataset file: it starts with 0x89 0x50 0x4E 0x47, not \"LLDS\"");
}

TEST(DatasetFile, DamageIsCaughtByTheChecksum) {
  std::vector<uint8_t> bytes = encode(small_table());
  bytes.back() ^= 0x01;
  EXPECT_NE(refuse(bytes).find("is corrupt: its checksum is"), std::string::npos);
  bytes.back() ^= 0x01;
  bytes[bytes.size() - 20] ^= 0x40;  // a feature bit
  EXPECT_NE(refuse(bytes).find("checksum"), std::string::npos);
}

TEST(DatasetFile, HugeDeclaredSizesAreRefusedBeforeAllocating) {
  const std::vector<uint8_t> good = encode(small_table());
  size_t largest = 0;

  std::vector<uint8_t> bytes = good;  // 2^32 - 1 examples of 2^32 - 1 features: ~2^64 values
  put_u32_at(bytes, kExamplesAt, 0xFFFFFFFFu);
  put_u32_at(bytes, kFeaturesAt, 0xFFFFFFFFu);
  EXPECT_EQ(refuse(bytes, &largest), "bad.lds declares 4294967295 examples; the limit is 10000000");
  EXPECT_LT(largest, kSmallAllocation);

  bytes = good;  // within the limits (2 GB of float32) but the file is tiny
  put_u32_at(bytes, kExamplesAt, 1000000);
  put_u32_at(bytes, kFeaturesAt, 500);
  reseal(bytes);
  EXPECT_NE(refuse(bytes, &largest).find("is truncated: expected 2000000000 bytes of features, found "),
            std::string::npos);
  EXPECT_LT(largest, kSmallAllocation);

  bytes = good;
  put_u32_at(bytes, kClassesAt, 0xFFFFFFFFu);
  EXPECT_NE(refuse(bytes, &largest).find("4294967295 classes"), std::string::npos);
  EXPECT_LT(largest, kSmallAllocation);

  bytes = good;  // a class name claiming 4 GB
  put_u32_at(bytes, 33, 0xFFFFFFF0u);
  EXPECT_NE(refuse(bytes, &largest).find("class name 0 is 4294967280 bytes long"), std::string::npos);
  EXPECT_LT(largest, kSmallAllocation);
}

TEST(DatasetFile, HugeDeclaredSizesInAFileAreRefusedBeforeReadingIt) {
  std::vector<uint8_t> bytes = encode(small_table());
  put_u32_at(bytes, kExamplesAt, 10000000);
  put_u32_at(bytes, kFeaturesAt, 50);
  const std::string path = ::testing::TempDir() + "layerlab_huge_test.lds";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  Dataset d;
  std::string error;
  AllocationWatch watch;
  EXPECT_FALSE(read_dataset_file(path, &d, nullptr, &error));
  EXPECT_LT(watch.largest(), kSmallAllocation);
  EXPECT_EQ(error.rfind("layerlab_huge_test.lds is truncated: expected 2000000000 bytes of features", 0), 0u) << error;
  DatasetFileInfo info;
  EXPECT_FALSE(read_dataset_info(path, &info, &error));
  EXPECT_NE(error.find("is truncated: its header declares"), std::string::npos) << error;
  std::remove(path.c_str());
  EXPECT_FALSE(read_dataset_file(path, &d, nullptr, &error));
  EXPECT_EQ(error.rfind("cannot open ", 0), 0u) << error;
}

TEST(DatasetFile, LabelOutsideTheClassesIsRefused) {
  std::vector<uint8_t> bytes = encode(small_table());
  bytes[bytes.size() - 4 - 2] = 2;  // example 3 of 5, with 2 classes
  reseal(bytes);
  EXPECT_EQ(refuse(bytes), "bad.lds is corrupt: example 3 has label 2, but there are only 2 classes");
}

TEST(DatasetFile, NewerFormatsAreNamed) {
  std::vector<uint8_t> bytes = encode(small_table());
  put_u32_at(bytes, 4, 2);
  EXPECT_EQ(refuse(bytes), "bad.lds was written by a newer LayerLab (format 2); this build reads format 1");
  put_u32_at(bytes, 4, 0);
  EXPECT_NE(refuse(bytes).find("format 0"), std::string::npos);
}

TEST(DatasetFile, BadShapesStorageAndNamesAreRefused) {
  const std::vector<uint8_t> good = encode(every_pixel_value(), FeatureStorage::U8);
  std::vector<uint8_t> bytes = good;
  put_u32_at(bytes, 28, 5);  // width 5: 1x4x5 != 16
  reseal(bytes);
  EXPECT_NE(refuse(bytes).find("image shape 1x4x5 does not make 16 features"), std::string::npos);
  bytes = good;
  bytes[32] = 7;
  reseal(bytes);
  EXPECT_NE(refuse(bytes).find("storage type 7"), std::string::npos);
  bytes = good;
  bytes[37] = 0xFF;  // the first byte of class name "0"
  reseal(bytes);
  EXPECT_NE(refuse(bytes).find("class name 0 is not valid UTF-8"), std::string::npos);
}

TEST(DatasetFile, WriterRefusesInconsistentDatasets) {
  std::vector<uint8_t> bytes;
  std::string error;
  Dataset d = small_table();
  d.y[2] = 5;
  EXPECT_FALSE(encode_dataset(d, DatasetMeta{}, &bytes, &error));
  EXPECT_NE(error.find("example 2 has label 5"), std::string::npos) << error;
  d = small_table();
  d.x.pop_back();
  EXPECT_FALSE(encode_dataset(d, DatasetMeta{}, &bytes, &error));
  d = small_table();
  d.class_names.pop_back();
  EXPECT_FALSE(encode_dataset(d, DatasetMeta{}, &bytes, &error));
  d = every_pixel_value();
  d.x[3] = 1.5f;
  EXPECT_FALSE(encode_dataset(d, DatasetMeta{"", "", FeatureStorage::U8}, &bytes, &error));
  EXPECT_NE(error.find("outside [0, 1]"), std::string::npos) << error;
}

TEST(DatasetFile, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("T-shirt/top"));
  EXPECT_TRUE(is_valid_utf8("chien \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // cut short
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

}  // namespace
}  // namespace layerlab
