// RUN: %check_vmap_tidy %s vmap-batchnorm-running-stats %t -- --config="{CheckOptions: {Scope: all}}"

#include <torch/torch.h>

namespace usingDirective {
using namespace torch::nn;
void f() {
  BatchNorm2d bn(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics, so its in-place running_mean/running_var update fails under vmap in training mode; construct it with track_running_stats(false), use GroupNorm, or call it in eval() mode [vmap-batchnorm-running-stats]
  BatchNorm2d quiet(BatchNorm2dOptions(8).track_running_stats(false));
}
} // namespace usingDirective

namespace namespaceAlias {
namespace nn = torch::nn;
void f() {
  auto bn = nn::BatchNorm3d(nn::BatchNorm3dOptions(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'BatchNorm3d' keeps running statistics,
  auto quiet = nn::BatchNorm3d(nn::BatchNorm3dOptions(4).track_running_stats(false));
}
} // namespace namespaceAlias

namespace typeAliases {
using Norm = torch::nn::BatchNorm2d;
typedef torch::nn::BatchNorm2dImpl NormImpl;
using NormOptions = torch::nn::BatchNorm2dOptions;
void f() {
  Norm bn(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'BatchNorm2d' keeps running statistics,
  auto impl = std::make_shared<NormImpl>(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm2d' keeps running statistics,
  NormImpl local(NormOptions(4).eps(1e-3));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'BatchNorm2d' keeps running statistics,
  Norm quiet(NormOptions(4).track_running_stats(false));
  auto quietImpl =
      std::make_shared<NormImpl>(NormOptions(4).track_running_stats(false));
}
} // namespace typeAliases

namespace usingDeclaration {
using torch::nn::BatchNorm1d;
void f() {
  BatchNorm1d bn(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'BatchNorm1d' keeps running statistics,
}
} // namespace usingDeclaration
