// finite_difference.h: the one shared gradient checker: central differences in double precision.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace layerlab::testing {

using Vec = std::vector<double>;

// g[i] = (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h for every coordinate of x.
Vec numeric_gradient(const std::function<double(const Vec&)>& f, Vec x, double h = 1e-6);

// Expects |analytic − numeric| ≤ tol · max(1, |analytic|, |numeric|) everywhere; names the first mismatch.
void expect_gradient_near(const Vec& analytic, const Vec& numeric, double tol, const std::string& what);

// Random values in [lo, hi) from a fixed seed (for inputs, weights and the loss projection).
Vec random_vec(size_t n, unsigned seed, double lo = -1.0, double hi = 1.0);

// Σᵢ a[i]·b[i]: the scalar loss L = Σ y ⊙ r whose gradient with respect to y is r.
double dot(const Vec& a, const Vec& b);

}  // namespace layerlab::testing
