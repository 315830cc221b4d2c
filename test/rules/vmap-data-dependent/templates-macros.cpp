// A call in a function template is reported once, at the template's line,
// from the first instantiation vmap reaches; a call in a macro at the
// macro's use.
// RUN: %check_vmap_tidy %s vmap-data-dependent %t

#include <torch/torch.h>

#include <functional>

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

template <typename T> T firstValue(const torch::Tensor &t) {
  return t.flatten()[0].item<T>();
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'item' reads a tensor's value into C++
  // CHECK-MESSAGES: :26:10: note: vmapped here
  // CHECK-MESSAGES: :28:19: note: which calls 'firstValue<float>'
}

#define POSITIVE(t) (t).nonzero()

torch::Tensor run(const torch::Tensor &x) {
  // Not vmapped: the same template, another instantiation.
  double unused = firstValue<double>(x);
  (void)unused;
  return vmap(
      [&](const torch::Tensor &t) {
        float v = firstValue<float>(t) + firstValue<int>(t);
        return POSITIVE(t) * v;
        // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'nonzero' returns a shape that depends on a tensor's values
      },
      x);
}
