// lesson_settings.cpp: parsing of the widgets' key=value settings with messages that say what is allowed.
#include "tutorial/lesson_settings.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace layerlab::ui {

namespace {

bool parse_long(const std::string& text, long* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0') return false;
  *out = v;
  return true;
}

bool parse_double(const std::string& text, double* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (errno != 0 || *end != '\0' || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) parts.push_back(part);
  return parts;
}

bool fail(std::string* error, const std::string& key, const std::string& value, const std::string& allowed) {
  if (error) *error = key + "=" + value + ": " + allowed;
  return false;
}

}  // namespace

bool read_int(const WidgetSettings& s, const char* key, int lo, int hi, int* value, std::string* error) {
  const auto it = s.find(key);
  if (it == s.end()) return true;
  long v = 0;
  if (!parse_long(it->second, &v) || v < lo || v > hi)
    return fail(error, key, it->second, "allowed a whole number in " + std::to_string(lo) + ".." + std::to_string(hi));
  *value = static_cast<int>(v);
  return true;
}

bool read_number(const WidgetSettings& s, const char* key, double lo, double hi, double* value, std::string* error) {
  const auto it = s.find(key);
  if (it == s.end()) return true;
  double v = 0;
  if (!parse_double(it->second, &v) || v < lo || v > hi) {
    std::ostringstream allowed;
    allowed << "allowed a number in " << lo << ".." << hi;
    return fail(error, key, it->second, allowed.str());
  }
  *value = v;
  return true;
}

bool read_choice(const WidgetSettings& s, const char* key, const std::vector<const char*>& names, int* value,
                 std::string* error) {
  const auto it = s.find(key);
  if (it == s.end()) return true;
  std::string allowed = "allowed ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (it->second == names[i]) {
      *value = static_cast<int>(i);
      return true;
    }
    allowed += (i ? ", " : "") + std::string(names[i]);
  }
  return fail(error, key, it->second, allowed);
}

bool read_pair(const WidgetSettings& s, const char* key, int lo, int hi, int* a, int* b, std::string* error) {
  const auto it = s.find(key);
  if (it == s.end()) return true;
  const std::vector<std::string> parts = split_commas(it->second);
  long x = 0, y = 0;
  if (parts.size() != 2 || !parse_long(parts[0], &x) || !parse_long(parts[1], &y) || x < lo || x > hi || y < lo ||
      y > hi)
    return fail(error, key, it->second,
                "allowed two whole numbers x,y in " + std::to_string(lo) + ".." + std::to_string(hi));
  *a = static_cast<int>(x);
  *b = static_cast<int>(y);
  return true;
}

bool read_numbers(const WidgetSettings& s, const char* key, int count, std::vector<float>* values, std::string* error) {
  const auto it = s.find(key);
  if (it == s.end()) return true;
  const std::vector<std::string> parts = split_commas(it->second);
  std::vector<float> out;
  for (const std::string& p : parts) {
    double v = 0;
    if (!parse_double(p, &v) || std::fabs(v) > 1000) break;
    out.push_back(static_cast<float>(v));
  }
  if (static_cast<int>(out.size()) != count || static_cast<int>(parts.size()) != count)
    return fail(error, key, it->second,
                "allowed " + std::to_string(count) + " comma-separated numbers (each within ±1000)");
  *values = out;
  return true;
}

bool only_known_keys(const WidgetSettings& s, const std::vector<const char*>& known, const char* widget,
                     std::string* error) {
  for (const auto& [key, value] : s) {
    bool found = false;
    for (const char* k : known) found = found || key == k;
    if (!found) {
      std::string list;
      for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      if (error) *error = std::string(widget) + " has no setting '" + key + "' (it has " + list + ")";
      return false;
    }
  }
  return true;
}

}  // namespace layerlab::ui
