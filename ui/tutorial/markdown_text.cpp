// markdown_text.cpp: the Markdown subset of tutorial steps, and inline math as Unicode text.
#include "markdown_text.h"

#include <cctype>
#include <cstring>

namespace layerlab::tutorial {

namespace {

struct Symbol {
  const char* tex;
  const char* text;
};
// Longer names first where one is a prefix of another (\leq before \le).
const Symbol kSymbols[] = {
    {"\\cdot", "·"},   {"\\times", "×"},  {"\\leq", "≤"},    {"\\le", "≤"},     {"\\geq", "≥"},
    {"\\ge", "≥"},     {"\\neq", "≠"},    {"\\ne", "≠"},     {"\\approx", "≈"}, {"\\infty", "∞"},
    {"\\sum", "Σ"},    {"\\sigma", "σ"},  {"\\alpha", "α"},  {"\\beta", "β"},   {"\\eta", "η"},
    {"\\mu", "μ"},     {"\\epsilon", "ε"}, {"\\partial", "∂"}, {"\\nabla", "∇"}, {"\\lfloor", "⌊"},
    {"\\rfloor", "⌋"}, {"\\to", "→"},     {"\\rightarrow", "→"}, {"\\leftarrow", "←"}, {"\\circ", "∘"},
    {"\\ldots", "…"},  {"\\dots", "…"},   {"\\max", "max"},  {"\\min", "min"},  {"\\tanh", "tanh"},
    {"\\exp", "exp"},  {"\\log", "log"},  {"\\pm", "±"},     {"\\odot", "⊙"},   {"\\theta", "θ"},
    {"\\lambda", "λ"}, {"\\rho", "ρ"},    {"\\,", " "},      {"\\ ", " "},      {"\\{", "{"},
    {"\\}", "}"},      {"\\_", "_"},      {"\\$", "$"}};

const char* const kSubDigits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
const char* const kSupDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

// The letters Unicode has as subscripts (a e h i j k l m n o p r s t u v x), indexed by letter - 'a'.
const char* const kSubLetters[26] = {"ₐ", nullptr, nullptr, nullptr, "ₑ", nullptr, nullptr, "ₕ", "ᵢ", "ⱼ", "ₖ", "ₗ", "ₘ",
                                     "ₙ", "ₒ", "ₚ", nullptr, "ᵣ", "ₛ", "ₜ", "ᵤ", "ᵥ", nullptr, "ₓ", nullptr, nullptr};

// The script after _ or ^: one character, or a {group}. Digits, +, -, the subscript letters above and a few
// superscript letters get Unicode forms (h_{t-1} -> hₜ₋₁); anything else is written plainly after the base
// (x_{bg} -> x_(bg)).
std::string script(const std::string& s, size_t* i, bool sub) {
  std::string body;
  if (*i < s.size() && s[*i] == '{') {
    const size_t close = s.find('}', *i);
    if (close == std::string::npos) {
      body = s.substr(*i + 1);
      *i = s.size();
    } else {
      body = s.substr(*i + 1, close - *i - 1);
      *i = close + 1;
    }
  } else if (*i < s.size()) {
    body = s.substr(*i, 1);
    ++*i;
  }
  std::string out;
  for (char c : body) {
    const bool lower = c >= 'a' && c <= 'z';
    if (std::isdigit(static_cast<unsigned char>(c))) out += (sub ? kSubDigits : kSupDigits)[c - '0'];
    else if (c == '+') out += sub ? "₊" : "⁺";
    else if (c == '-') out += sub ? "₋" : "⁻";
    else if (sub && lower && kSubLetters[c - 'a']) out += kSubLetters[c - 'a'];
    else if (!sub && c == 't') out += "ᵗ";
    else if (!sub && c == 'n') out += "ⁿ";
    else if (!sub && c == 'T') out += "ᵀ";
    else return (sub ? "_" : "^") + (body.size() > 1 ? "(" + math_to_text(body) + ")" : math_to_text(body));
  }
  return out;
}

void flush(std::vector<Span>& spans, SpanStyle style, std::string& text) {
  if (text.empty()) return;
  if (!spans.empty() && spans.back().style == style) spans.back().text += text;
  else spans.push_back({style, text});
  text.clear();
}

std::vector<Span> parse_spans(const std::string& s) {
  std::vector<Span> spans;
  std::string plain;
  for (size_t i = 0; i < s.size();) {
    struct Marker {
      const char* open;
      SpanStyle style;
    };
    static const Marker markers[] = {{"**", SpanStyle::Bold}, {"*", SpanStyle::Italic}, {"`", SpanStyle::Code},
                                     {"$", SpanStyle::Math}};
    bool matched = false;
    for (const Marker& m : markers) {
      const size_t n = std::strlen(m.open);
      if (s.compare(i, n, m.open) != 0) continue;
      size_t close = s.find(m.open, i + n);
      // \$ inside math is a literal dollar, not the end.
      while (m.style == SpanStyle::Math && close != std::string::npos && s[close - 1] == '\\') close = s.find('$', close + 1);
      if (close == std::string::npos || close == i + n) break;
      flush(spans, SpanStyle::Plain, plain);
      std::string inner = s.substr(i + n, close - i - n);
      if (m.style == SpanStyle::Math) inner = math_to_text(inner);
      spans.push_back({m.style, inner});
      i = close + n;
      matched = true;
      break;
    }
    if (!matched) plain += s[i++];
  }
  flush(spans, SpanStyle::Plain, plain);
  return spans;
}

}  // namespace

// A {group} at m[*i] (or one character), its text converted; *i moves past it.
static std::string group(const std::string& m, size_t* i) {
  std::string body;
  if (*i < m.size() && m[*i] == '{') {
    int depth = 0;
    size_t j = *i;
    for (; j < m.size(); ++j) {
      depth += m[j] == '{' ? 1 : m[j] == '}' ? -1 : 0;
      if (depth == 0) break;
    }
    body = m.substr(*i + 1, j - *i - 1);
    *i = j < m.size() ? j + 1 : m.size();
  } else if (*i < m.size()) {
    body = m.substr((*i)++, 1);
  }
  return math_to_text(body);
}

std::string math_to_text(const std::string& m) {
  std::string out;
  for (size_t i = 0; i < m.size();) {
    if (m.compare(i, 5, "\\frac") == 0) {  // \frac{a}{b} -> a/b, with parentheses around longer parts
      i += 5;
      const std::string a = group(m, &i), b = group(m, &i);
      out += (a.size() > 1 ? "(" + a + ")" : a) + "/" + (b.size() > 1 ? "(" + b + ")" : b);
    } else if (m.compare(i, 7, "\\mathrm") == 0 || m.compare(i, 5, "\\text") == 0) {  // upright text: as is
      i += m[i + 1] == 'm' ? 7 : 5;
      out += group(m, &i);
    } else if (m[i] == '\\') {
      bool found = false;
      for (const Symbol& sym : kSymbols) {
        const size_t n = std::strlen(sym.tex);
        if (m.compare(i, n, sym.tex) != 0) continue;
        // A letter command must not run into more letters (\le must not match \left).
        if (std::isalpha(static_cast<unsigned char>(sym.tex[n - 1])) && i + n < m.size() &&
            std::isalpha(static_cast<unsigned char>(m[i + n])))
          continue;
        out += sym.text;
        i += n;
        found = true;
        break;
      }
      if (!found) {  // an unknown command: its name, without the backslash
        ++i;
        while (i < m.size() && std::isalpha(static_cast<unsigned char>(m[i]))) out += m[i++];
      }
    } else if (m[i] == '_' || m[i] == '^') {
      const bool sub = m[i] == '_';
      ++i;
      out += script(m, &i, sub);
    } else if (m[i] == '{' || m[i] == '}') {
      ++i;
    } else {
      out += m[i++];
    }
  }
  return out;
}

std::vector<TextBlock> parse_markdown(const std::string& text) {
  std::vector<TextBlock> blocks;
  std::string current;
  bool bullet = false, open = false;
  auto finish = [&]() {
    if (open) blocks.push_back({bullet, parse_spans(current)});
    current.clear();
    open = false;
    bullet = false;
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    size_t lead = 0;
    while (lead < line.size() && line[lead] == ' ') ++lead;
    line = line.substr(lead);
    if (line.empty()) {
      finish();
    } else if (line.rfind("- ", 0) == 0) {
      finish();
      bullet = true;
      open = true;
      current = line.substr(2);
    } else {
      if (open) current += ' ';
      current += line;
      open = true;
    }
    start = end + 1;
  }
  finish();
  return blocks;
}

}  // namespace layerlab::tutorial
