// markdown_text.h: the Markdown subset of tutorial steps, parsed into blocks of styled spans for the
// tutorial window to draw: paragraphs, bullet lists ("- "), **bold**, *italic*, `code`, and inline math
// between $...$ rendered as readable text (\cdot -> ·, \le -> ≤, x_1 -> x₁, x^2 -> x², ...).
#pragma once
#include <string>
#include <vector>

namespace layerlab::tutorial {

enum class SpanStyle { Plain, Bold, Italic, Code, Math };
struct Span {
  SpanStyle style = SpanStyle::Plain;
  std::string text;
};
struct TextBlock {
  bool bullet = false;
  std::vector<Span> spans;
};

// Blank lines separate paragraphs; a line starting "- " starts a bullet item; other lines continue the
// current block. An unclosed marker is kept as literal text.
std::vector<TextBlock> parse_markdown(const std::string& text);

// TeX-like inline math as plain Unicode text: "\sigma(w_1 x_1 + b) \le 1" -> "σ(w₁ x₁ + b) ≤ 1".
std::string math_to_text(const std::string& math);

}  // namespace layerlab::tutorial
