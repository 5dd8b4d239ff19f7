// dataset2d.cpp: the generators behind make_dataset2d, drawn on the [-6, 6] plane then scaled to [-1, 1].
#include "dataset2d.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "enum_names.h"
#include "rng.h"

namespace layerlab {

namespace {
constexpr float kPlane = 6.0f;
constexpr float kPi = 3.14159265358979f;

void push(Dataset& d, float x, float y, int label) {
  d.x.push_back(std::clamp(x / kPlane, -1.0f, 1.0f));
  d.x.push_back(std::clamp(y / kPlane, -1.0f, 1.0f));
  d.y.push_back(label);
}

void circle(Dataset& d, int n, float noise, Rng& rng) {
  const float radius = 5.0f;
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;  // 0 inside, 1 on the ring
    const float r = label == 0 ? rng.uniform(0.0f, radius * 0.5f) : rng.uniform(radius * 0.7f, radius);
    const float angle = rng.uniform(0.0f, 2.0f * kPi);
    const float x = r * std::sin(angle) + rng.uniform(-radius, radius) * noise;
    const float y = r * std::cos(angle) + rng.uniform(-radius, radius) * noise;
    push(d, x, y, label);
  }
}

void xor_quadrants(Dataset& d, int n, float noise, Rng& rng) {
  const float padding = 0.3f;
  for (int i = 0; i < n; ++i) {
    float x = rng.uniform(-5.0f, 5.0f);
    float y = rng.uniform(-5.0f, 5.0f);
    x += x > 0 ? padding : -padding;  // keep clear of the axes
    y += y > 0 ? padding : -padding;
    const int label = x * y >= 0 ? 1 : 0;
    push(d, x + rng.uniform(-5.0f, 5.0f) * noise, y + rng.uniform(-5.0f, 5.0f) * noise, label);
  }
}

void gaussians(Dataset& d, int n, float noise, Rng& rng) {
  const float sigma = std::sqrt(0.5f + 7.0f * noise);  // variance 0.5 .. 4 as noise goes 0 .. 0.5
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;
    const float c = label == 1 ? 2.0f : -2.0f;
    push(d, c + sigma * rng.normal(), c + sigma * rng.normal(), label);
  }
}

void spiral(Dataset& d, int n, float noise, Rng& rng) {
  const int half = n / 2;
  for (int label = 0; label < 2; ++label) {
    const float delta = label == 0 ? 0.0f : kPi;
    for (int i = 0; i < half; ++i) {
      const float r = static_cast<float>(i) / half * 5.0f;
      const float t = 1.75f * static_cast<float>(i) / half * 2.0f * kPi + delta;
      push(d, r * std::sin(t) + rng.uniform(-1.0f, 1.0f) * noise * 5.0f / 2.0f,
           r * std::cos(t) + rng.uniform(-1.0f, 1.0f) * noise * 5.0f / 2.0f, label);
    }
  }
}
}  // namespace

const char* shape2d_name(Shape2D s) {
  switch (s) {
    case Shape2D::Circle: return "circle";
    case Shape2D::Xor: return "xor";
    case Shape2D::Gaussians: return "gaussians";
    case Shape2D::Spiral: return "spiral";
  }
  return "?";
}

bool parse_shape2d(const char* name, Shape2D* out) {
  return parse_by_name(name, kShape2DCount, shape2d_name, out);
}

Dataset make_dataset2d(Shape2D shape, int points, float noise, uint64_t seed) {
  points = std::clamp(points, kMinPoints2D, kMaxPoints2D) / 2 * 2;
  noise = std::clamp(noise, 0.0f, 0.5f);
  Dataset d;
  d.features = 2;
  d.classes = 2;
  d.x.reserve(static_cast<size_t>(points) * 2);
  d.y.reserve(static_cast<size_t>(points));
  Rng rng(seed);
  switch (shape) {
    case Shape2D::Circle: circle(d, points, noise, rng); break;
    case Shape2D::Xor: xor_quadrants(d, points, noise, rng); break;
    case Shape2D::Gaussians: gaussians(d, points, noise, rng); break;
    case Shape2D::Spiral: spiral(d, points, noise, rng); break;
  }
  return d;
}

}  // namespace layerlab
