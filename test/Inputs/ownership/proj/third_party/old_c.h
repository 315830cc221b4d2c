// Vendored code with a macro that bugprone-macro-parentheses would rewrite.
#define VENDOR_TWICE(x) x * 2
