// url_params.h: the key=value&key=value text of links (the page's URL hash): percent-encoding, splitting
// with decoding, and numbers checked against their range. Shared by the lab's and the playground's recipes.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace layerlab {

constexpr size_t kMaxParamsText = 8192;

std::string percent_encode(const std::string& s);  // letters, digits, -_.~, kept; space as '+'
// Refuses a bad escape and control characters (NUL included), raw or encoded.
bool percent_decode(const std::string& s, std::string* out);
// "a=1&b=x+y" -> {{"a","1"},{"b","x y"}}; empty items are skipped; an item without '=' or with an unreadable
// value, or a text over kMaxParamsText characters, gives false and one sentence in *error.
bool split_params(const std::string& text, std::vector<std::pair<std::string, std::string>>* out, std::string* error);
std::string number_text(double v);  // "%.6g"
bool parse_number(const std::string& key, const std::string& v, double lo, double hi, double* out, std::string* error);

}  // namespace layerlab
