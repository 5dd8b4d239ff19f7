// url_params.cpp: percent-encoding and the key=value splitting of link text.
#include "url_params.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace layerlab {

std::string percent_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.' || c == '~' || c == ',';
    if (plain) out += static_cast<char>(c);
    else if (c == ' ') out += '+';
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// Control characters (NUL included), raw or encoded, are refused: no name or layer text holds one.
bool percent_decode(const std::string& s, std::string* out) {
  out->clear();
  const auto control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; };
  for (size_t i = 0; i < s.size(); ++i) {
    if (control(s[i])) return false;
    if (s[i] == '+') {
      *out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return false;
      const auto digit = [](char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      };
      const int hi = digit(s[i + 1]), lo = digit(s[i + 2]);
      if (hi < 0 || lo < 0) return false;
      const char c = static_cast<char>(hi * 16 + lo);
      if (control(c)) return false;
      *out += c;
      i += 2;
    } else {
      *out += s[i];
    }
  }
  return true;
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

bool parse_number(const std::string& key, const std::string& v, double lo, double hi, double* out, std::string* error) {
  char* end = nullptr;
  const double x = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !std::isfinite(x) || x < lo || x > hi) {
    *error = "'" + key + "' must be a number from " + number_text(lo) + " to " + number_text(hi) + " (got '" + v + "')";
    return false;
  }
  *out = x;
  return true;
}

bool split_params(const std::string& text, std::vector<std::pair<std::string, std::string>>* out, std::string* error) {
  out->clear();
  if (text.size() > kMaxParamsText) {
    *error = "the link's experiment is " + std::to_string(text.size()) + " characters long (at most " +
             std::to_string(kMaxParamsText) + ")";
    return false;
  }
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    start = end + 1;
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    const std::string key = item.substr(0, eq);
    std::string value;
    if (eq == std::string::npos || !percent_decode(item.substr(eq + 1), &value)) {
      *error = "'" + key.substr(0, 40) + "' has no readable value";
      return false;
    }
    out->emplace_back(key, value);
  }
  return true;
}

}  // namespace layerlab
