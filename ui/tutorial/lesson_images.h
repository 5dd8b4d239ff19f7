// lesson_images.h: the photographs of the convolution and pooling tutorials (scikit-learn's china.jpg and
// flower.jpg, which ./lab setup converts with ImageMagick into 96x96 binary PPM files in the data dir),
// read into planes of floats in [0, 1], and the small numeric grids the worked examples use (no ImGui,
// no platform: the lesson tests use it).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace layerlab::ui {

// (channels, height, width) row-major, values in [0, 1]: 3 channels for a colour picture, 1 for grey.
struct LessonImage {
  int channels = 0, height = 0, width = 0;
  std::vector<float> pixels;
  bool empty() const { return pixels.empty(); }
  float at(int c, int y, int x) const { return pixels[(static_cast<size_t>(c) * height + y) * width + x]; }
};

// Binary PPM (P6) or PGM (P5) with maxval 255 and sides 1..1024; false with *error saying what is wrong.
bool parse_pnm(const std::vector<uint8_t>& bytes, LessonImage* out, std::string* error);
// One grey channel: 0.299 R + 0.587 G + 0.114 B (a grey image is returned as it is).
LessonImage to_grey(const LessonImage& image);

// The worked example of the texts: a 5x5 binary picture whose convolution with [1,0,1; 0,1,0; 1,0,1]
// is [4,3,4; 2,4,3; 2,3,4].
LessonImage worked_grid();
// An 8x8 map of small whole numbers (a feature map with two blobs) for the pooling tutorial.
LessonImage pooling_grid();

// The photographs by name ("china", "flower"): the file in the data dir (the page fetches data/<file>).
const char* photo_file(const std::string& name);  // "china.ppm", or null for an unknown name
// The photograph's credit as its licence (CC BY 2.0) asks, short enough to sit under the picture; null for an
// unknown name. Both come from scikit-learn's sample images (sklearn/datasets/images/README.txt).
const char* photo_credit(const std::string& name);

}  // namespace layerlab::ui
