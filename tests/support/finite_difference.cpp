// finite_difference.cpp: numeric_gradient and expect_gradient_near.
#include "finite_difference.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "rng.h"

namespace layerlab::testing {

Vec numeric_gradient(const std::function<double(const Vec&)>& f, Vec x, double h) {
  Vec g(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    const double saved = x[i];
    x[i] = saved + h;
    const double up = f(x);
    x[i] = saved - h;
    const double down = f(x);
    x[i] = saved;
    g[i] = (up - down) / (2.0 * h);
  }
  return g;
}

void expect_gradient_near(const Vec& analytic, const Vec& numeric, double tol, const std::string& what) {
  ASSERT_EQ(analytic.size(), numeric.size()) << what;
  for (size_t i = 0; i < analytic.size(); ++i) {
    const double scale = std::max({1.0, std::fabs(analytic[i]), std::fabs(numeric[i])});
    ASSERT_LE(std::fabs(analytic[i] - numeric[i]), tol * scale)
        << what << "[" << i << "]: analytic " << analytic[i] << " vs numeric " << numeric[i];
  }
}

Vec random_vec(size_t n, unsigned seed, double lo, double hi) {
  Rng rng(seed);
  Vec v(n);
  for (double& x : v) x = lo + (hi - lo) * static_cast<double>(rng.uniform());
  return v;
}

double dot(const Vec& a, const Vec& b) {
  double s = 0.0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

}  // namespace layerlab::testing
