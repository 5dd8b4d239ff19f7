// lesson_images.cpp: PPM/PGM reading and the worked grids.
#include "tutorial/lesson_images.h"

#include <cctype>

namespace layerlab::ui {

namespace {

// Skips whitespace and '#' comments, then reads a decimal number; -1 when there is none.
long pnm_number(const std::vector<uint8_t>& b, size_t* pos) {
  while (*pos < b.size()) {
    if (b[*pos] == '#') {
      while (*pos < b.size() && b[*pos] != '\n') ++*pos;
    } else if (std::isspace(b[*pos])) {
      ++*pos;
    } else {
      break;
    }
  }
  long v = -1;
  while (*pos < b.size() && std::isdigit(b[*pos]) && v < 100000) {
    v = (v < 0 ? 0 : v * 10) + (b[*pos] - '0');
    ++*pos;
  }
  return v;
}

LessonImage grid_image(int side, const int* values) {
  LessonImage g;
  g.channels = 1;
  g.height = g.width = side;
  g.pixels.assign(values, values + side * side);
  return g;
}

}  // namespace

bool parse_pnm(const std::vector<uint8_t>& bytes, LessonImage* out, std::string* error) {
  if (bytes.size() < 2 || bytes[0] != 'P' || (bytes[1] != '6' && bytes[1] != '5')) {
    *error = "not a binary PPM or PGM file (it must start with P6 or P5)";
    return false;
  }
  const int channels = bytes[1] == '6' ? 3 : 1;
  size_t pos = 2;
  const long w = pnm_number(bytes, &pos), h = pnm_number(bytes, &pos), maxval = pnm_number(bytes, &pos);
  if (w < 1 || h < 1 || w > 1024 || h > 1024) {
    *error = "the picture's size must be 1..1024 pixels per side";
    return false;
  }
  if (maxval != 255) {
    *error = "only 8-bit pictures (maxval 255) are read";
    return false;
  }
  ++pos;  // the single whitespace byte after maxval
  const size_t count = static_cast<size_t>(w) * static_cast<size_t>(h) * channels;
  if (pos > bytes.size() || bytes.size() - pos < count) {
    *error = "the file ends before its " + std::to_string(count) + " pixel values";
    return false;
  }
  out->channels = channels;
  out->height = static_cast<int>(h);
  out->width = static_cast<int>(w);
  out->pixels.resize(count);
  const size_t plane = static_cast<size_t>(w) * static_cast<size_t>(h);
  for (size_t i = 0; i < plane; ++i)
    for (int c = 0; c < channels; ++c) out->pixels[c * plane + i] = bytes[pos + i * channels + c] / 255.0f;
  return true;
}

LessonImage to_grey(const LessonImage& image) {
  if (image.channels != 3) return image;
  LessonImage g;
  g.channels = 1;
  g.height = image.height;
  g.width = image.width;
  const size_t plane = static_cast<size_t>(image.height) * image.width;
  g.pixels.resize(plane);
  for (size_t i = 0; i < plane; ++i)
    g.pixels[i] = 0.299f * image.pixels[i] + 0.587f * image.pixels[plane + i] + 0.114f * image.pixels[2 * plane + i];
  return g;
}

LessonImage worked_grid() {
  static const int kValues[25] = {1, 1, 1, 0, 0,  //
                                  0, 1, 1, 1, 0,  //
                                  0, 0, 1, 1, 1,  //
                                  0, 0, 1, 1, 0,  //
                                  0, 1, 1, 0, 0};
  return grid_image(5, kValues);
}

LessonImage pooling_grid() {
  static const int kValues[64] = {0, 1, 0, 0, 0, 0, 0, 0,  //
                                  1, 6, 3, 0, 0, 0, 0, 0,  //
                                  0, 4, 9, 2, 0, 0, 1, 0,  //
                                  0, 0, 2, 1, 0, 2, 5, 1,  //
                                  0, 0, 0, 0, 1, 7, 8, 2,  //
                                  0, 0, 0, 0, 0, 3, 4, 1,  //
                                  0, 2, 1, 0, 0, 0, 1, 0,  //
                                  0, 1, 0, 0, 0, 0, 0, 0};
  return grid_image(8, kValues);
}

const char* photo_file(const std::string& name) {
  if (name == "china") return "china.ppm";
  if (name == "flower") return "flower.ppm";
  return nullptr;
}

const char* photo_credit(const std::string& name) {
  if (name == "china") return "photo: danielbuechele (Flickr), CC BY 2.0";
  if (name == "flower") return "photo: vultilion (Flickr), CC BY 2.0";
  return nullptr;
}

}  // namespace layerlab::ui
