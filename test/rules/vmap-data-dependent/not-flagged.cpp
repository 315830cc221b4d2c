// Reading a plain tensor is fine under vmap, and so is anything vmap does
// not reach: nothing here is reported.
// RUN: %check_vmap_tidy %s vmap-data-dependent %t

#include <torch/torch.h>

#include <functional>

torch::Tensor vmap(const std::function<torch::Tensor(const torch::Tensor &)> &fn,
                   const torch::Tensor &x);

const torch::Tensor kThreshold = torch::ones({1});

struct NetImpl : torch::nn::Module {
  NetImpl() { scale = register_parameter("scale", torch::ones({1})); }
  torch::Tensor forward(torch::Tensor x) {
    // The module's own parameter, a global, a constant tensor.
    float s = scale.item<float>();
    float t = kThreshold.item<float>();
    torch::Tensor c = torch::full({1}, 2.0);
    float u = c.item<float>();
    return x * (s + t + u);
  }
  torch::Tensor scale;
};
TORCH_MODULE(Net);

// Never run under vmap.
float mean(const torch::Tensor &t) { return t.mean().item<float>(); }

torch::Tensor run(Net &net, const torch::Tensor &x, const torch::Tensor &w) {
  // Captured from the caller: the same plain tensor for every member.
  return vmap(
      [&](const torch::Tensor &t) {
        if (w.sum().item<float>() > 0)
          return net(t);
        // A batched input with a plain mask: every member keeps the same
        // elements.
        if (torch::masked_select(t, w > 0).numel() > 0)
          return net(t) * 2;
        return net(t) * w.nonzero().size(0);
      },
      x);
}
