// markdown_text_test.cpp: the Markdown subset of step text and inline math as Unicode.
#include "markdown_text.h"

#include <gtest/gtest.h>

namespace layerlab::tutorial {
namespace {

TEST(MarkdownText, ParagraphsBulletsAndSpans) {
  const auto blocks = parse_markdown("A **bold** and *italic* `code`\nwrapped line.\n\n- one $x_1$\n- two\n\nEnd.");
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_FALSE(blocks[0].bullet);
  ASSERT_EQ(blocks[0].spans.size(), 7u);  // "A ", bold, " and ", italic, " ", code, " wrapped line."
  EXPECT_EQ(blocks[0].spans[1].style, SpanStyle::Bold);
  EXPECT_EQ(blocks[0].spans[1].text, "bold");
  EXPECT_EQ(blocks[0].spans[3].style, SpanStyle::Italic);
  EXPECT_EQ(blocks[0].spans[5].style, SpanStyle::Code);
  EXPECT_TRUE(blocks[1].bullet);
  EXPECT_EQ(blocks[1].spans[1].style, SpanStyle::Math);
  EXPECT_EQ(blocks[1].spans[1].text, "x₁");
  EXPECT_TRUE(blocks[2].bullet);
  EXPECT_EQ(blocks[3].spans[0].text, "End.");
}

TEST(MarkdownText, UnclosedMarkersStayLiteral) {
  const auto blocks = parse_markdown("costs $5 and 2 * 3");
  ASSERT_EQ(blocks.size(), 1u);
  ASSERT_EQ(blocks[0].spans.size(), 1u);
  EXPECT_EQ(blocks[0].spans[0].text, "costs $5 and 2 * 3");
}

TEST(MarkdownText, MathBecomesReadableText) {
  EXPECT_EQ(math_to_text("z = w_1 x_1 + w_2 x_2 + b"), "z = w₁ x₁ + w₂ x₂ + b");
  EXPECT_EQ(math_to_text("\\sigma(z) = 1 / (1 + e^{-z})"), "σ(z) = 1 / (1 + e^(-z))");
  EXPECT_EQ(math_to_text("\\lfloor (n + 2p - k) / s \\rfloor + 1"), "⌊ (n + 2p - k) / s ⌋ + 1");
  EXPECT_EQ(math_to_text("a \\le b \\cdot c \\times d^2"), "a ≤ b · c × d²");
  EXPECT_EQ(math_to_text("\\eta \\nabla L, x_{out}, \\unknown"), "η ∇ L, xₒᵤₜ, unknown");
  // Letters without a Unicode subscript keep the whole script plain.
  EXPECT_EQ(math_to_text("x_{bg} + y_b"), "x_(bg) + y_b");
  EXPECT_EQ(math_to_text("h_t = \\tanh(w_x \\cdot x_t + w_h \\cdot h_{t-1} + b)"), "hₜ = tanh(wₓ · xₜ + wₕ · hₜ₋₁ + b)");
  EXPECT_EQ(math_to_text("\\left"), "left");  // \le must not match inside \left
  EXPECT_EQ(math_to_text("\\frac{1}{2}(w_1^2) + \\frac{a+b}{c}"), "1/2(w₁²) + (a+b)/c");
  EXPECT_EQ(math_to_text("h_1 = \\mathrm{relu}(x_1) \\text{ and } y"), "h₁ = relu(x₁)  and  y");
}

}  // namespace
}  // namespace layerlab::tutorial
