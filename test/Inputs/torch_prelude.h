// The LibTorch headers every lit test parses, precompiled once per build
// (see test/CMakeLists.txt) so each test parses them in about a second.
#include <torch/torch.h>
