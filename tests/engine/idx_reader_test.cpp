// idx_reader_test.cpp: IDX images and labels from hand-built buffers: parsing, pairing, and bad input.
#include "idx_reader.h"

#include <gtest/gtest.h>

#include "dataset_file.h"

namespace layerlab {
namespace {

void put_big_endian(std::vector<uint8_t>& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

// Two 2x3 images with pixels 0..11, and their labels.
std::vector<uint8_t> tiny_images() {
  std::vector<uint8_t> b;
  for (uint32_t v : {kIdxImagesMagic, 2u, 2u, 3u}) put_big_endian(b, v);
  for (uint8_t p = 0; p < 12; ++p) b.push_back(static_cast<uint8_t>(p * 20));
  return b;
}

std::vector<uint8_t> tiny_labels() {
  std::vector<uint8_t> b;
  for (uint32_t v : {kIdxLabelsMagic, 2u}) put_big_endian(b, v);
  b.push_back(1);
  b.push_back(0);
  return b;
}

TEST(IdxReader, ParsesImagesAndLabelsIntoADataset) {
  const std::vector<uint8_t> image_bytes = tiny_images(), label_bytes = tiny_labels();
  IdxImages images;
  std::vector<uint8_t> labels;
  std::string error;
  ASSERT_TRUE(parse_idx_images(image_bytes.data(), image_bytes.size(), "img", &images, &error)) << error;
  ASSERT_TRUE(parse_idx_labels(label_bytes.data(), label_bytes.size(), "lbl", &labels, &error)) << error;
  EXPECT_EQ(images.count, 2);
  EXPECT_EQ(images.rows, 2);
  EXPECT_EQ(images.cols, 3);
  EXPECT_EQ(labels, std::vector<uint8_t>({1, 0}));

  Dataset d;
  ASSERT_TRUE(make_idx_dataset(images, labels, {"shoe", "bag"}, &d, &error)) << error;
  EXPECT_EQ(d.size(), 2);
  EXPECT_EQ(d.features, 6);
  EXPECT_EQ(d.classes, 2);
  EXPECT_EQ(d.channels, 1);
  EXPECT_EQ(d.height, 2);
  EXPECT_EQ(d.width, 3);
  EXPECT_EQ(d.row(1)[2], pixel_to_feature(8 * 20));
  EXPECT_EQ(d.x.back(), 220.0f / 255.0f);
  EXPECT_EQ(d.y, std::vector<int>({1, 0}));
}

TEST(IdxReader, WrongMagicSaysWhatTheFileIs) {
  const std::vector<uint8_t> label_bytes = tiny_labels();
  IdxImages images;
  std::string error;
  EXPECT_FALSE(parse_idx_images(label_bytes.data(), label_bytes.size(), "x.idx", &images, &error));
  EXPECT_EQ(error, "x.idx is not an IDX pixels file: its magic number is 0x00000801, not 0x00000803 (it holds labels)");
  const std::vector<uint8_t> gzip = {0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0};
  std::vector<uint8_t> labels;
  EXPECT_FALSE(parse_idx_labels(gzip.data(), gzip.size(), "y.gz", &labels, &error));
  EXPECT_EQ(error, "y.gz is not an IDX labels file: its magic number is 0x1F8B0800, not 0x00000801");
}

TEST(IdxReader, EveryTruncationAndExtraBytesAreRefused) {
  const std::vector<uint8_t> bytes = tiny_images();
  IdxImages images;
  std::string error;
  for (size_t n = 0; n < bytes.size(); ++n) {
    const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_FALSE(parse_idx_images(prefix.data(), prefix.size(), "t", &images, &error)) << n;
    EXPECT_EQ(error.rfind("t is truncated: expected ", 0), 0u) << error;
  }
  EXPECT_FALSE(parse_idx_images(bytes.data(), bytes.size() - 5, "t", &images, &error));
  EXPECT_EQ(error, "t is truncated: expected 12 bytes of pixels, found 7");
  std::vector<uint8_t> longer = bytes;
  longer.push_back(9);
  EXPECT_FALSE(parse_idx_images(longer.data(), longer.size(), "t", &images, &error));
  EXPECT_EQ(error, "t is corrupt: it has 1 bytes after its 12 bytes of pixels");
}

TEST(IdxReader, AbsurdDimensionsAreRefusedWithoutAllocating) {
  std::vector<uint8_t> b;
  for (uint32_t v : {kIdxImagesMagic, 0xFFFFFFFFu, 28u, 28u}) put_big_endian(b, v);
  IdxImages images;
  std::string error;
  EXPECT_FALSE(parse_idx_images(b.data(), b.size(), "h", &images, &error));
  EXPECT_EQ(error, "h declares 4294967295 examples; the limit is 10000000");
  b.clear();
  for (uint32_t v : {kIdxImagesMagic, 60000u, 0xFFFFu, 0xFFFFu}) put_big_endian(b, v);
  EXPECT_FALSE(parse_idx_images(b.data(), b.size(), "h", &images, &error));
  EXPECT_NE(error.find("declares more than 536870912 pixels"), std::string::npos) << error;
  b.clear();
  for (uint32_t v : {kIdxImagesMagic, 60000u, 28u, 28u}) put_big_endian(b, v);
  EXPECT_FALSE(parse_idx_images(b.data(), b.size(), "train-images", &images, &error));
  EXPECT_EQ(error, "train-images is truncated: expected 47040000 bytes of pixels, found 0");
  EXPECT_TRUE(images.pixels.empty());
  b.clear();
  for (uint32_t v : {kIdxImagesMagic, 2u, 0u, 3u}) put_big_endian(b, v);
  EXPECT_FALSE(parse_idx_images(b.data(), b.size(), "h", &images, &error));
  EXPECT_EQ(error, "h is corrupt: its dimension 2 is 0");
}

TEST(IdxReader, PairingChecksCountsAndLabels) {
  IdxImages images;
  images.count = 2;
  images.rows = images.cols = 1;
  images.pixels = {0, 255};
  Dataset d;
  std::string error;
  EXPECT_FALSE(make_idx_dataset(images, {0}, {"a", "b"}, &d, &error));
  EXPECT_EQ(error, "the image file has 2 images but the label file 1 labels");
  EXPECT_FALSE(make_idx_dataset(images, {0, 2}, {"a", "b"}, &d, &error));
  EXPECT_EQ(error, "label 2 of image 1 is not one of the 2 classes");
}

}  // namespace
}  // namespace layerlab
