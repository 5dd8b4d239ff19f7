// dataset2d.h: the playground's seeded 2-D classification sets (circle, XOR, two Gaussians, spiral).
#pragma once
#include <cstdint>

#include "dataset.h"

namespace layerlab {

enum class Shape2D { Circle, Xor, Gaussians, Spiral };
constexpr int kShape2DCount = 4;
const char* shape2d_name(Shape2D s);  // "circle", "xor", "gaussians", "spiral"
bool parse_shape2d(const char* name, Shape2D* out);

constexpr int kMinPoints2D = 200;
constexpr int kMaxPoints2D = 1000;

// `points` in [kMinPoints2D, kMaxPoints2D] (clamped), noise in [0, 0.5] (clamped), two classes
// balanced. Coordinates are in [-1, 1] (the playground's [-6, 6] plane scaled by 1/6).
Dataset make_dataset2d(Shape2D shape, int points, float noise, uint64_t seed);

}  // namespace layerlab
