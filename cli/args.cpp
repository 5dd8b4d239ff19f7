// args.cpp: Args parsing and checked conversions.
#include "args.h"

#include <cstdio>
#include <cstdlib>

namespace layerlab::cli {

void fail(const std::string& message) {
  std::fprintf(stderr, "layerlab: %s\n", message.c_str());
  std::exit(2);
}

Args::Args(int argc, char** argv, int first, const std::set<std::string>& switches) {
  for (int i = first; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--", 0) != 0) {
      positional_.push_back(a);
      continue;
    }
    const size_t eq = a.find('=');
    if (eq != std::string::npos) {
      values_[a.substr(0, eq)] = a.substr(eq + 1);
    } else if (switches.count(a)) {
      on_.insert(a);
    } else {
      if (i + 1 >= argc) fail(a + " needs a value");
      values_[a] = argv[++i];
    }
  }
}

std::string Args::text(const std::string& flag, const std::string& fallback) const {
  const auto it = values_.find(flag);
  return it == values_.end() ? fallback : it->second;
}

double Args::number(const std::string& flag, double fallback, double lo, double hi) const {
  const auto it = values_.find(flag);
  if (it == values_.end()) return fallback;
  char* end = nullptr;
  const double v = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0') fail(flag + " needs a number, got '" + it->second + "'");
  if (!(v >= lo && v <= hi)) {
    char range[96];
    std::snprintf(range, sizeof range, " must be between %g and %g, got %s", lo, hi, it->second.c_str());
    fail(flag + range);
  }
  return v;
}

long long Args::integer(const std::string& flag, long long fallback, long long lo, long long hi) const {
  const double v = number(flag, static_cast<double>(fallback), static_cast<double>(lo), static_cast<double>(hi));
  if (v != static_cast<double>(static_cast<long long>(v))) fail(flag + " needs a whole number");
  return static_cast<long long>(v);
}

void Args::allow_only(const std::set<std::string>& known) const {
  for (const auto& kv : values_)
    if (!known.count(kv.first)) fail("unknown option '" + kv.first + "' (see --help)");
  for (const auto& s : on_)
    if (!known.count(s)) fail("unknown option '" + s + "' (see --help)");
}

}  // namespace layerlab::cli
