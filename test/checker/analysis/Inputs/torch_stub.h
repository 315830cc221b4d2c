// A stand-in for the parts of the LibTorch API (1.13 names) and of the
// vmap-tidy runtime that the analysis tests use. It is put on the include
// path with -isystem: like LibTorch, it is library code to the analysis.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace at {
class Tensor {
public:
  Tensor operator+(const Tensor &Other) const;
};

namespace functorch {
enum class TransformType { Torch, Vmap, Grad, Jvp, Functionalize };
enum class RandomnessType { Error, Same, Different };
int64_t initAndPushDynamicLayer(
    TransformType transform_type,
    std::optional<int64_t> batch_size = std::nullopt,
    std::optional<RandomnessType> randomness = std::nullopt,
    std::optional<bool> prev_grad_mode = std::nullopt);
void popDynamicLayerAndDeleteMetadata();
} // namespace functorch
} // namespace at

namespace torch {
using at::Tensor;
namespace nn {

template <typename Contained> class ModuleHolder;

class Module {
public:
  virtual ~Module() = default;
  template <typename M>
  std::shared_ptr<M> register_module(std::string name,
                                     std::shared_ptr<M> module);
  template <typename M>
  std::shared_ptr<M> register_module(std::string name,
                                     ModuleHolder<M> module_holder);
  virtual void train(bool on = true);
  void eval();
  bool is_training() const;
};

template <typename Contained> class ModuleHolder {
public:
  template <typename... Args>
  explicit ModuleHolder(Args &&...args)
      : impl_(new Contained(std::forward<Args>(args)...)) {}
  ModuleHolder(std::shared_ptr<Contained> module) : impl_(std::move(module)) {}
  Contained *operator->() const { return impl_.get(); }
  Contained &operator*() const { return *impl_; }
  const std::shared_ptr<Contained> &ptr() const { return impl_; }
  template <typename... Args> Tensor operator()(Args &&...args) {
    return impl_->forward(std::forward<Args>(args)...);
  }

private:
  std::shared_ptr<Contained> impl_;
};

class BatchNorm2dImpl : public Module {
public:
  explicit BatchNorm2dImpl(int64_t num_features);
  Tensor forward(const Tensor &input);
};

class LinearImpl : public Module {
public:
  LinearImpl(int64_t in, int64_t out);
  Tensor forward(const Tensor &input);
};

} // namespace nn
} // namespace torch

#define TORCH_MODULE(Name)                                                     \
  class Name : public torch::nn::ModuleHolder<Name##Impl> {                    \
  public:                                                                      \
    using torch::nn::ModuleHolder<Name##Impl>::ModuleHolder;                   \
  }

namespace torch::nn {
TORCH_MODULE(BatchNorm2d);
TORCH_MODULE(Linear);
} // namespace torch::nn

// runtime/include/vmap_tidy/{VmapLevel,Vmap}.h
namespace vmap_tidy {
enum class Randomness { Error, Same, Different };
using InDims = std::vector<std::optional<int64_t>>;
using OutDims = std::vector<int64_t>;
template <typename Fn> class BatchedFunction {
public:
  explicit BatchedFunction(Fn fn) : fn_(std::move(fn)) {}
  template <typename... Args> at::Tensor operator()(Args &&...args) {
    return fn_(std::forward<Args>(args)...);
  }

private:
  Fn fn_;
};
template <typename Fn>
BatchedFunction<std::decay_t<Fn>>
vmap(Fn &&fn, InDims in_dims = {0}, OutDims out_dims = {0},
     Randomness randomness = Randomness::Error) {
  return BatchedFunction<std::decay_t<Fn>>(std::forward<Fn>(fn));
}
} // namespace vmap_tidy
